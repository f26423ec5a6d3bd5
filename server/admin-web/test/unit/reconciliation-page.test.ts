import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Role, type IReconciliationDiscrepancy, type IReconciliationRun } from '@app/shared';
import { buildMenu } from '../../src/layout/access';
import { installDomShims } from './support/dom';
import { fetchStub } from './support/fetch-stub';

/** 微信对账 against a stubbed fetch: runs list, the red discrepancy count, the detail table and a manual run. */
const run = (over: Partial<IReconciliationRun>): IReconciliationRun => ({
  id: 3,
  date: '2026-11-30',
  status: 'done',
  remoteCount: 12,
  localCount: 11,
  remoteTotalFen: 123_400,
  localTotalFen: 120_000,
  discrepancyCount: 3,
  error: null,
  createdAt: '2026-12-01T02:30:00Z',
  ...over,
});
const found: IReconciliationDiscrepancy[] = [
  {
    id: 1,
    runId: 3,
    kind: 'missing_locally',
    outTradeNo: 'EXTRA1',
    transactionId: '4200001',
    localFen: null,
    remoteFen: 777,
    note: '微信账单有此笔支付，本地无记录',
  },
  {
    id: 2,
    runId: 3,
    kind: 'missing_remotely',
    outTradeNo: null,
    transactionId: '4200002',
    localFen: 400,
    remoteFen: null,
    note: '本地已入账的微信支付，微信账单无此笔',
  },
  {
    id: 3,
    runId: 3,
    kind: 'amount_differs',
    outTradeNo: 'P3',
    transactionId: '4200003',
    localFen: 500,
    remoteFen: 450,
    note: '支付金额不一致',
  },
];

const server = fetchStub();
const { routes, calls } = server;

let antd: typeof import('antd');
let Page: typeof import('../../src/pages/reconciliation/ReconciliationPage').default;
let shanghaiYesterday: typeof import('../../src/pages/reconciliation/ReconciliationPage').shanghaiYesterday;

beforeAll(async () => {
  installDomShims();
  antd = await import('antd');
  ({ default: Page, shanghaiYesterday } = await import('../../src/pages/reconciliation/ReconciliationPage'));
}, 60_000);

let container: HTMLDivElement | null = null;
afterEach(() => {
  container?.remove();
  container = null;
  server.reset();
  vi.unstubAllGlobals();
});

async function render(): Promise<HTMLDivElement> {
  server.install();
  container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(createElement(antd.App, null, createElement(Page))));
  await settle(50);
  return container;
}
const settle = (ms: number) => act(async () => new Promise((resolve) => setTimeout(resolve, ms)));
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ') ?? '';
const click = (el: Element | null) =>
  act(async () => {
    (el as HTMLElement).click();
  });

describe('微信对账', () => {
  it('lists runs with the discrepancy count as a red tag; a row opens its discrepancies with kind labels and amounts', async () => {
    routes['GET /api/reconciliation/runs'] = () => [
      run({}),
      run({ id: 2, date: '2026-11-29', discrepancyCount: 0, remoteTotalFen: 5000, localTotalFen: 5000 }),
    ];
    routes['GET /api/reconciliation/runs/3/discrepancies'] = () => found;
    routes['GET /api/reconciliation/runs/2/discrepancies'] = () => [];
    const page = await render();
    const table = text(page.querySelector('[data-testid="reconciliation-runs"]'));
    expect(table).toContain('2026-11-30');
    expect(table).toContain('¥1,234.00');
    expect(table).toContain('一致');
    const tag = page.querySelector('[data-testid="discrepancy-count"]');
    expect(text(tag)).toBe('3 笔');
    expect(tag?.className).toContain('red');

    await click(page.querySelector('[data-row-key="3"]'));
    await settle(50);
    const detail = text(page.querySelector('[data-testid="discrepancies"]'));
    for (const label of ['本地缺失', '微信缺失', '金额不符', 'EXTRA1', '¥7.77', '¥4.00', '¥5.00', '¥4.50'])
      expect(detail).toContain(label);

    await click(page.querySelector('[data-row-key="2"]'));
    await settle(50);
    expect(text(page.querySelector('[data-testid="discrepancies"]'))).toContain('没有差异');
  }, 20_000);

  it('a friendly empty state, and 对账 runs the picked date (yesterday by default) and shows its result', async () => {
    const runs: IReconciliationRun[] = [];
    routes['GET /api/reconciliation/runs'] = () => runs;
    routes['POST /api/reconciliation/runs'] = (_u, init) => {
      const r = run({ id: 9, date: JSON.parse(String(init.body)).date, discrepancyCount: 1 });
      runs.push(r);
      return r;
    };
    routes['GET /api/reconciliation/runs/9/discrepancies'] = () => [found[2]];
    const page = await render();
    expect(text(page)).toContain('还没有对账记录');
    await click(page.querySelector('[data-testid="reconcile-run"]'));
    await settle(80);
    const post = calls.find((c) => c.key === 'POST /api/reconciliation/runs');
    expect(post?.body).toEqual({ date: shanghaiYesterday() });
    expect(text(page.querySelector('[data-testid="reconciliation-runs"]'))).toContain(shanghaiYesterday());
    expect(text(page.querySelector('[data-testid="discrepancies"]'))).toContain('金额不符');
  }, 20_000);

  it('is in the menu for finance and admin only, derived from the permission table', () => {
    const has = (roles: Role[]) => buildMenu(roles).some((g) => g.items.some((p) => p.key === 'reconciliation'));
    expect(has([Role.Finance])).toBe(true);
    expect(has([Role.Cashier])).toBe(false);
    expect(shanghaiYesterday(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-01');
  });
});
