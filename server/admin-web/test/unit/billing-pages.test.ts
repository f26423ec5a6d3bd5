import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Role, shanghaiMonth, type IBillRun, type IProjectSummary } from '@app/shared';
import { installDomShims } from './support/dom';
import { fetchStub } from './support/fetch-stub';

/**
 * The billing pages against a stubbed fetch (the server is built alongside): the calls go through
 * ROUTES.billing, and the run page follows a run's progress until its check summary appears.
 */
const project: IProjectSummary = {
  id: 1,
  code: 'YGHY',
  name: '阳光花园',
  regionId: 10,
  regionName: '华东区域',
  houseCount: 1500,
};
let roles: Role[] = [Role.Finance];

vi.mock('react-router', () => ({ useNavigate: () => vi.fn(), Link: (p: { children: unknown }) => p.children }));
vi.mock('../../src/auth/session', () => ({ useMe: () => ({ roles: [] }) }));
vi.mock('../../src/layout/project-context', () => ({
  useProject: () => ({ loading: false, error: null, project, roles, projects: [project] }),
}));

const run = (over: Partial<IBillRun>): IBillRun => ({
  id: 7,
  projectId: 1,
  projectName: '阳光花园', // The page opens on the current Shanghai month.
  period: shanghaiMonth(new Date()),
  status: 'running',
  housesTotal: 1500,
  housesDone: 0,
  startedBy: 5,
  startedAt: '2026-12-01T01:00:00Z',
  finishedAt: null,
  checkedBy: null,
  checkedAt: null,
  publishedBy: null,
  publishedAt: null,
  error: null,
  check: null,
  ...over,
});
const check = {
  billCount: 1500,
  totalFen: 38_250_000,
  previousBillCount: 1498,
  previousTotalFen: 37_000_000,
  chargeCount: 3,
  chargeTotalFen: 45_000,
  unconfirmedCharges: [{ chargeId: 9, houseLabel: '2栋1单元302', ticketSerial: 'YGHY-261120-003', totalFen: 8000 }],
  unusual: [],
  missingReadings: [{ houseId: 3, houseLabel: '1栋1单元103', itemCode: 'SF' }],
};

const server = fetchStub();
const { routes, calls } = server;

let antd: typeof import('antd');
let BillRunsPage: typeof import('../../src/pages/billing/BillRunsPage').default;
let POLL_MS = 0;
let LateFeeTab: typeof import('../../src/pages/billing/LateFeeTab').LateFeeTab;

beforeAll(async () => {
  installDomShims();
  antd = await import('antd');
  BillRunsPage = (await import('../../src/pages/billing/BillRunsPage')).default;
  POLL_MS = (await import('../../src/pages/billing/use-run-polling')).POLL_MS;
  LateFeeTab = (await import('../../src/pages/billing/LateFeeTab')).LateFeeTab;
}, 60_000);

let container: HTMLDivElement | null = null;
afterEach(() => {
  container?.remove();
  container = null;
  server.reset();
  vi.unstubAllGlobals();
});

async function render(element: ReturnType<typeof createElement>): Promise<HTMLDivElement> {
  server.install();
  container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(createElement(antd.App, null, element)));
  await settle(50);
  return container;
}
const settle = (ms: number) => act(async () => new Promise((resolve) => setTimeout(resolve, ms)));
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('账单生成', () => {
  it('polls a running run: the bar moves, then the check summary and 核对 appear', async () => {
    const states = [
      run({ housesDone: 500 }),
      run({ housesDone: 1500, status: 'draft', check, finishedAt: '2026-12-01T01:01:00Z' }),
    ];
    routes['GET /api/billing/runs'] = () => [run({ housesDone: 0 })];
    routes['GET /api/billing/runs/7'] = () => states.shift() ?? run({ housesDone: 1500, status: 'draft', check });
    const page = await render(createElement(BillRunsPage));
    expect(calls[0].url).toBe('GET /api/billing/runs?projectId=1');
    expect(text(page.querySelector('[data-testid="run-progress"]'))).toContain('0 / 1500 户');
    await settle(POLL_MS + 100);
    expect(text(page.querySelector('[data-testid="run-progress"]'))).toContain('500 / 1500 户');
    await settle(POLL_MS + 100);
    expect(text(page.querySelector('[data-testid="run-status"]'))).toBe('待核对');
    const summary = text(page.querySelector('[data-testid="check-summary"]'));
    expect(summary).toContain('¥382,500.00');
    expect(summary).toContain('上月 ¥370,000.00，+¥12,500.00（+3.4%）');
    expect(summary).toContain('YGHY-261120-003');
    expect(summary).toContain('1栋1单元103');
    expect((page.querySelector('[data-testid="check-run"]') as HTMLButtonElement).disabled).toBe(false);
    expect((page.querySelector('[data-testid="publish-run"]') as HTMLButtonElement).disabled).toBe(true);
    // Polling stops once the run has left `running`.
    const polls = calls.filter((c) => c.url === 'GET /api/billing/runs/7').length;
    await settle(POLL_MS * 2 + 200);
    expect(calls.filter((c) => c.url === 'GET /api/billing/runs/7').length).toBe(polls);
  }, 20_000);

  it('without a run for the month offers 开始生成; a role without bill.run sees no 核对', async () => {
    routes['GET /api/billing/runs'] = () => [];
    let page = await render(createElement(BillRunsPage));
    expect(page.querySelector('[data-testid="start-run"]')).not.toBeNull();
    expect(text(page)).toContain('还没有生成账单');
    container?.remove();

    roles = [Role.Cashier];
    routes['GET /api/billing/runs'] = () => [run({ status: 'draft', housesDone: 1500, check })];
    page = await render(createElement(BillRunsPage));
    expect(page.querySelector('[data-testid="check-summary"]')).not.toBeNull();
    expect(page.querySelector('[data-testid="check-run"]')).toBeNull();
    roles = [Role.Finance];
  }, 20_000);
});

describe('滞纳金', () => {
  it('is shown with the legal caution and Civil Code art. 944 next to the switch', async () => {
    routes['GET /api/billing/projects/1/late-fee-policy'] = () => ({
      projectId: 1,
      enabled: false,
      graceDays: 15,
      dailyRatePer100k: 50,
      capPercent: 30,
      vacancyDiscountPercent: 30,
    });
    const page = await render(createElement(LateFeeTab, { projectId: 1 }));
    const body = text(page);
    expect(body).toContain('法院常依业主请求予以调减');
    expect(body).toContain('第九百四十四条');
    expect(body).toContain('0.05%/天');
    expect(page.querySelector('[role="switch"]')?.getAttribute('aria-checked')).toBe('false');
  }, 20_000);
});
