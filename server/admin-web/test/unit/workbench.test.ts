import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Role, type IPayment, type IProjectSummary } from '@app/shared';
import { summarizeCollections } from '../../src/pages/home/tiles/money-logic';
import { installDomShims } from './support/dom';
import { fetchStub, json } from './support/fetch-stub';

/** The workbench per role: each desk only for who may act on it, money always from integer fen. */
const project: IProjectSummary = {
  id: 1,
  code: 'YGHY',
  name: '阳光花园',
  regionId: 10,
  regionName: '华东区域',
  houseCount: 1500,
};
let roles: Role[] = [];

vi.mock('react-router', () => ({ useNavigate: () => vi.fn() }));
vi.mock('../../src/auth/session', () => ({
  useMe: () => ({
    id: 5,
    name: '王会计',
    roles: roles.map((role) => ({ role, scopeType: 'project', scopeId: 1, scopeName: '阳光花园' })),
  }),
}));
vi.mock('../../src/layout/project-context', () => ({
  useProject: () => ({ loading: false, error: null, project, roles, projects: [project] }),
}));

const payment = (over: Partial<IPayment>): IPayment =>
  ({
    id: 1,
    projectId: 1,
    houseId: 1,
    houseLabel: '1栋1单元101',
    method: 'cash',
    status: 'confirmed',
    amountFen: 0,
    ...over,
  }) as IPayment;
const page = <T>(items: T[], total = items.length) => ({ items, total, page: 1, pageSize: 20 });

const server = fetchStub();
function answerAll(): void {
  const r = server.routes;
  r['GET /api/payments'] = () =>
    page([
      payment({ id: 1, method: 'wechat_jsapi', amountFen: 123456 }),
      payment({ id: 2, method: 'cash', amountFen: 5 }),
      payment({ id: 3, method: 'cash', amountFen: 10000 }),
      payment({ id: 4, method: 'pos', status: 'pending_approval', amountFen: 99900 }),
    ]);
  r['GET /api/cashier/approvals'] = () => [
    payment({ id: 4, method: 'pos', status: 'pending_approval', amountFen: 99900 }),
  ];
  r['GET /api/payments/refunds'] = (url) =>
    url.searchParams.get('status') === 'requested' ? page([{ id: 9, method: 'cash', amountFen: 2050 }]) : page([]);
  r['GET /api/invoices'] = () => page([], 3);
  r['GET /api/billing/runs'] = () => [];
  r['GET /api/billing/collection-rate'] = () => {
    const row = { key: '2026-12', billedFen: 1000000, receivedFen: 875000, rateBp: 8750 };
    return { projectId: 1, period: '2026-12', current: row, arrears: row, byBuilding: [], byMonth: [row] };
  };
  r['GET /api/cash/outstanding'] = () => ({ totalFen: 30000, entries: [{ chargeId: 1, amountFen: 30000 }] });
  r['GET /api/tickets'] = () => page([], 3);
  r['GET /api/bindings'] = () => page([], 4);
  r['GET /api/property/projects/1/buildings'] = () => [];
  r['GET /api/complaints'] = () => page([], 2);
}

let HomePage: typeof import('../../src/pages/home/HomePage').default;
beforeAll(async () => {
  installDomShims();
  HomePage = (await import('../../src/pages/home/HomePage')).default;
}, 60_000);

let container: HTMLDivElement | null = null;
afterEach(() => {
  container?.remove();
  container = null;
  server.reset();
  vi.unstubAllGlobals();
});

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ') ?? '';
const tile = (id: string) => container!.querySelector(`[data-testid="${id}"]`);

async function renderHome(asRoles: Role[]): Promise<HTMLDivElement> {
  roles = asRoles;
  server.install();
  container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(createElement(HomePage)));
  await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
  return container;
}

describe('the workbench per role', () => {
  it('formats the day’s collections from integer fen, split by method, pending ones left out', () => {
    const summary = summarizeCollections([
      payment({ method: 'cash', amountFen: 5 }),
      payment({ method: 'cash', amountFen: 10000 }),
      payment({ method: 'wechat_jsapi', amountFen: 123456 }),
      payment({ method: 'pos', status: 'pending_approval', amountFen: 99900 }),
      payment({ method: 'pos', status: 'rejected', amountFen: 7 }),
    ]);
    expect(summary.totalFen).toBe(133461);
    expect(summary.totalText).toBe('¥1,334.61');
    expect(summary.count).toBe(3);
    expect(summary.byMethod.map((m) => [m.label, m.count, m.amountText])).toEqual([
      ['微信支付', 1, '¥1,234.56'],
      ['现金', 2, '¥100.05'],
    ]);
  });

  it('a finance user sees the money tiles and no binding, ticket or technician tiles', async () => {
    answerAll();
    const page = await renderHome([Role.Finance]);
    expect(text(tile('tile-collections'))).toContain('¥1,334.61');
    expect(text(tile('collections-by-method'))).toContain('现金');
    expect(text(tile('collections-by-method'))).toContain('¥100.05');
    expect(text(tile('tile-approvals'))).toContain('待复核线下收款');
    expect(text(tile('tile-approvals'))).toContain('¥999.00');
    expect(text(tile('tile-refunds'))).toContain('¥20.50');
    expect(text(tile('tile-invoices'))).toContain('3');
    expect(text(tile('tile-collection-rate'))).toContain('87.5%');
    expect(tile('tile-bindings')).toBeNull();
    expect(tile('ticket-card')).toBeNull();
    expect(tile('operations-desk')).toBeNull();
    expect(page.textContent).not.toMatch(/由.{0,6}负责|由.{0,6}维护|待审核住户认证|在岗维修师傅/);
    const asked = server.calls.map((c) => c.key);
    expect(asked).not.toContain('GET /api/bindings');
    expect(asked).not.toContain('GET /api/tickets');
    const paymentsQuery = server.calls.find((c) => c.key === 'GET /api/payments')!.url;
    expect(paymentsQuery).toMatch(/projectId=1/);
    expect(paymentsQuery).toMatch(/from=\d{4}-\d{2}-\d{2}/);
  }, 30_000);

  it('a cashier sees the day’s money, the refunds to hand back and the cash from technicians', async () => {
    answerAll();
    await renderHome([Role.Cashier]);
    expect(text(tile('tile-collections'))).toContain('¥1,334.61');
    expect(text(tile('tile-approvals'))).toContain('待他人复核');
    expect(text(tile('tile-cash'))).toContain('¥300.00');
    expect(tile('tile-hand-back')).not.toBeNull();
    expect(tile('tile-refunds')).toBeNull();
    expect(tile('tile-invoices')).toBeNull();
    expect(tile('tile-bindings')).toBeNull();
  }, 30_000);

  it('a customer manager still gets houses, bindings, buildings and tickets, and no money desk', async () => {
    answerAll();
    await renderHome([Role.CustomerManager]);
    expect(text(tile('tile-bindings'))).toContain('待审核住户认证');
    expect(text(tile('tile-bindings'))).toContain('4');
    expect(text(container)).toContain('本项目房屋');
    expect(text(container)).toContain('楼栋');
    expect(text(tile('ticket-card'))).toContain('待受理');
    expect(tile('money-desk')).toBeNull();
    expect(text(container)).not.toMatch(/由.{0,6}负责|由.{0,6}维护/);
  }, 30_000);

  it('a quality user sees complaints and the month’s deadlines, not money or bindings', async () => {
    answerAll();
    server.routes['GET /api/projects/1/sla-report'] = () => ({
      projectId: 1,
      summary: {
        tickets: 10,
        onTime: 8,
        onTimeRateBp: 8000,
        breaches: { respond: 1, on_site: 0, resolve: 1, return_visit: 0 },
      },
      byCategory: [],
      byTechnician: [],
      breaches: [],
    });
    await renderHome([Role.Quality]);
    expect(text(tile('tile-complaints-open'))).toContain('2');
    expect(text(tile('tile-sla'))).toContain('80.0%');
    expect(text(tile('tile-visits'))).toContain('3');
    expect(tile('money-desk')).toBeNull();
    expect(tile('tile-bindings')).toBeNull();
  }, 30_000);

  it('a failed tile says so and retries', async () => {
    answerAll();
    let fail = true;
    server.routes['GET /api/invoices'] = () =>
      fail ? json({ code: 'INTERNAL', message: '服务器开小差了' }, 500) : page([], 1);
    await renderHome([Role.Finance]);
    expect(text(tile('tile-invoices'))).toContain('加载失败');
    fail = false;
    const retry = [...tile('tile-invoices')!.querySelectorAll('button')].find((b) => b.textContent?.includes('重试'))!;
    await act(async () => retry.click());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(text(tile('tile-invoices'))).not.toContain('加载失败');
  }, 30_000);
});
