import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Role, type IPayables, type IPayment, type IProjectSummary, type IReceipt } from '@app/shared';
import { installDomShims } from './support/dom';
import { items } from './support/cashier-fixtures';

/** Issue 10, the cashier desk pages against a stubbed fetch (CASHIER_ROUTES); the pure rules: cashier-logic.test.ts. */
const project: IProjectSummary = {
  id: 1,
  code: 'YGHY',
  name: '阳光花园',
  regionId: 10,
  regionName: '华东区域',
  houseCount: 1500,
};
let roles: Role[] = [Role.Cashier];
const me = { id: 5, name: '收银员小李', roles: [] };

vi.mock('react-router', () => ({ useNavigate: () => vi.fn(), Link: (p: { children: unknown }) => p.children }));
vi.mock('../../src/auth/session', () => ({ useMe: () => me }));
vi.mock('../../src/layout/project-context', () => ({
  useProject: () => ({ loading: false, error: null, project, roles, projects: [project] }),
}));

type Handler = (url: URL, init: RequestInit) => unknown;
let routes: Record<string, Handler> = {};
const calls: { key: string; body: unknown }[] = [];
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
function stubFetch() {
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://console.test');
    const key = `${init.method ?? 'GET'} ${url.pathname}`;
    calls.push({ key: `${key}${url.search}`, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const handler = routes[key];
    if (!handler) return json({ code: 'NOT_FOUND', message: '不存在' }, 404);
    const answer = await handler(url, init);
    return answer instanceof Response ? answer : json(answer);
  });
}

let antd: typeof import('antd');
let CashierPage: typeof import('../../src/pages/payments/CashierPage').default;
let ApprovalsPage: typeof import('../../src/pages/payments/ApprovalsPage').default;

beforeAll(async () => {
  installDomShims();
  // jsdom has no layout: the tabs and tables only need the observer to exist.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  antd = await import('antd');
  CashierPage = (await import('../../src/pages/payments/CashierPage')).default;
  ApprovalsPage = (await import('../../src/pages/payments/ApprovalsPage')).default;
}, 60_000);

let container: HTMLDivElement | null = null;
afterEach(() => {
  container?.remove();
  container = null;
  routes = {};
  calls.length = 0;
  roles = [Role.Cashier];
  vi.unstubAllGlobals();
});

const settle = (ms = 30) => act(async () => new Promise((resolve) => setTimeout(resolve, ms)));
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ') ?? '';
const setValue = (input: HTMLInputElement, value: string) =>
  act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const click = (el: Element | null) => act(async () => (el as HTMLElement).click());

async function render(element: ReturnType<typeof createElement>): Promise<HTMLDivElement> {
  stubFetch();
  container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(createElement(antd.App, null, element)));
  await settle(50);
  return container;
}

/** Opens the desk on house 7 found by phone (the finder's second tab). */
async function openHouse(payables: () => unknown): Promise<HTMLDivElement> {
  routes['GET /api/property/projects/1/buildings'] = () => [];
  routes['POST /api/cashier/lookup'] = () => [
    { id: 3, houseId: 7, houseLabel: '2栋1单元302', name: '周敏', relation: 'owner', status: 'approved' },
  ];
  routes['GET /api/cashier/payables'] = payables;
  const page = await render(createElement(CashierPage));
  expect(text(page.querySelector('[data-testid="no-house"]'))).toContain('请先按房号或手机号查找房屋');
  await click([...page.querySelectorAll('[role="tab"]')].find((t) => t.textContent === '按手机号') ?? null);
  await setValue(
    page.querySelector('[data-testid="finder-phone"] input, input[data-testid="finder-phone"]') as HTMLInputElement,
    '13955550001',
  );
  await click(
    page.querySelector('[data-testid="finder-phone"]')?.closest('.ant-input-search')?.querySelector('button') ?? null,
  );
  await settle(50);
  return page;
}

const payables: IPayables = {
  houseId: 7,
  houseLabel: '2栋1单元302',
  items,
  totalBalanceFen: 56_500,
  prepayBalanceFen: 0,
};
const receipt: IReceipt = {
  id: 90,
  number: 'YGHY-2026-000042',
  projectId: 1,
  houseId: 7,
  houseLabel: '2栋1单元302',
  totalFen: 25_000,
  payments: [
    { id: 501, method: 'cash', amountFen: 20_000, status: 'pending_approval' },
    { id: 502, method: 'cash', amountFen: 5_000, status: 'pending_approval' },
  ],
  allocations: [
    { kind: 'bill', targetId: 11, title: '2026-10 物业账单', amountFen: 20_000 },
    { kind: 'bill', targetId: 12, title: '2026-11 物业账单', amountFen: 5_000 },
  ],
  issuedAt: '2026-12-01T02:00:00Z',
  issuedByName: '收银员小李',
  printCount: 0,
};

describe('收银台 page', () => {
  it('finds the house by phone, lists open items oldest first, shows loading then the items', async () => {
    let release: (v: unknown) => void = () => {};
    const page = await openHouse(() => new Promise((resolve) => (release = resolve)));
    expect(calls.find((c) => c.key === 'POST /api/cashier/lookup')?.body).toEqual({
      projectId: 1,
      phone: '13955550001',
    });
    expect(page.querySelector('[data-testid="payables"] .ant-spin')).not.toBeNull();
    await act(async () => release(payables));
    await settle();
    const rows = [...page.querySelectorAll('[data-testid="payables"] tbody tr')].map((r) => text(r));
    expect(rows.map((r) => r.split(' ')[0])).toEqual(['2026-10', '2026-11', '特约服务']);
    expect(text(page.querySelector('[data-testid="due-total"]'))).toContain('¥565.00');
  }, 30_000);

  it('an empty house says so; a failed load offers a retry', async () => {
    let page = await openHouse(() => ({ ...payables, items: [], totalBalanceFen: 0 }));
    expect(text(page)).toContain('该房屋没有待缴项目');
    expect((page.querySelector('[data-testid="collect-submit"]') as HTMLButtonElement).disabled).toBe(true);
    container?.remove();
    page = await openHouse(() => json({ code: 'INTERNAL', message: '服务器开小差了' }, 500));
    expect(text(page)).toContain('待缴项目加载失败');
    expect(text(page)).toContain('重试');
  }, 30_000);

  it('two cash tenders sum live, go out with one idempotency key, and the receipt appears; a refusal is shown in Chinese', async () => {
    const page = await openHouse(() => payables);
    const amount = () =>
      [
        ...page.querySelectorAll('input[data-testid="tender-amount"], [data-testid="tender-amount"] input'),
      ] as HTMLInputElement[];
    await setValue(amount()[0], '200');
    await click(page.querySelector('[data-testid="add-tender"]'));
    await setValue(amount()[1], '50');
    expect(text(page.querySelector('[data-testid="tendered-total"]'))).toContain('¥250.00');
    expect(text(page.querySelector('[data-testid="remaining"]'))).toContain('¥315.00');
    expect([...page.querySelectorAll('[data-testid="apply-preview"]')].map((e) => e.textContent)).toEqual([
      '¥200.00',
      '¥50.00',
      '—',
    ]);

    let attempts = 0;
    routes['POST /api/cashier/payments'] = () =>
      ++attempts === 1
        ? json({ code: 'CONFLICT', message: '账单已被他人收款，请刷新后重试' }, 409)
        : { receipt, payments: [], pendingApproval: true };
    await click(page.querySelector('[data-testid="collect-submit"]'));
    await settle();
    expect(text(page.querySelector('[data-testid="collect-error"]'))).toBe('账单已被他人收款，请刷新后重试');
    await click(page.querySelector('[data-testid="collect-submit"]'));
    await settle(80);
    const posts = calls
      .filter((c) => c.key === 'POST /api/cashier/payments')
      .map((c) => c.body as { idempotencyKey: string; tenders: unknown });
    expect(posts).toHaveLength(2);
    expect(posts[0].idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(posts[1].idempotencyKey).toBe(posts[0].idempotencyKey);
    expect(posts[1].tenders).toEqual([
      { method: 'cash', amountFen: 20_000 },
      { method: 'cash', amountFen: 5_000 },
    ]);
    const shown = document.querySelector('[data-testid="receipt"]');
    expect(text(shown?.querySelector('[data-testid="receipt-number"]') ?? null)).toBe('YGHY-2026-000042');
    expect(text(shown)).toContain('须由第二人在「收款复核」中复核后才计入账单');
  }, 30_000);

  it("shows the house's prepayment balance next to what is owed", async () => {
    const page = await openHouse(() => ({ ...payables, prepayBalanceFen: 12_345 }));
    expect(text(page.querySelector('[data-testid="prepay-balance"]'))).toContain('¥123.45');
  }, 30_000);

  it('validation stops the submit before the server is asked', async () => {
    const page = await openHouse(() => payables);
    await setValue(
      page.querySelector('input[data-testid="tender-amount"], [data-testid="tender-amount"] input') as HTMLInputElement,
      '600',
    );
    await click(page.querySelector('[data-testid="collect-submit"]'));
    expect(text(page.querySelector('[data-testid="collect-error"]'))).toBe(
      '收款合计 ¥600.00 超过应收 ¥565.00，请核对金额',
    );
    expect(calls.some((c) => c.key === 'POST /api/cashier/payments')).toBe(false);
  }, 30_000);
});

describe('收款复核 page', () => {
  const payment = (over: Partial<IPayment>): IPayment => ({
    id: 501,
    projectId: 1,
    houseId: 7,
    houseLabel: '2栋1单元302',
    method: 'cash',
    status: 'pending_approval',
    amountFen: 20_000,
    refundedFen: 0,
    reference: null,
    receiptId: 90,
    receiptNo: 'YGHY-2026-000042',
    collectedBy: 5,
    collectedByName: '收银员小李',
    approvedBy: null,
    approvedByName: null,
    rejectReason: null,
    paidAt: '2026-12-01T02:00:00Z',
    allocations: [],
    shipping: null,
    ...over,
  });

  it('the collector sees no approve button on their own payment; another approver approves', async () => {
    roles = [Role.Finance];
    routes['GET /api/cashier/approvals'] = () => [
      payment({}),
      payment({ id: 502, collectedBy: 9, collectedByName: '收银员小王' }),
    ];
    routes['POST /api/cashier/payments/502/decision'] = () => payment({ id: 502, status: 'confirmed' });
    const page = await render(createElement(ApprovalsPage));
    const rows = [...page.querySelectorAll('tbody tr')];
    expect(rows[0].querySelector('[data-testid="approve-payment"]')).toBeNull();
    expect(text(rows[0])).toContain('本人收款，须由他人复核');
    await click(rows[1].querySelector('[data-testid="approve-payment"]'));
    await settle();
    expect(calls.find((c) => c.key === 'POST /api/cashier/payments/502/decision')?.body).toEqual({ approve: true });
  }, 30_000);

  it('nothing pending says so', async () => {
    roles = [Role.Finance];
    routes['GET /api/cashier/approvals'] = () => [];
    const page = await render(createElement(ApprovalsPage));
    expect(text(page)).toContain('没有待复核的收款');
  }, 30_000);
});
