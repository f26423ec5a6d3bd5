import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Role, shanghaiMonth, type IProjectSummary, type ISlaPolicy, type ISlaReport } from '@app/shared';
import {
  averageText,
  lateText,
  limitText,
  rangeProblem,
  sortPolicies,
  splitMinutes,
  toMinutes,
} from '../../src/pages/sla/sla-logic';
import { installDomShims } from './support/dom';
import { fetchStub } from './support/fetch-stub';

/** 服务时限 and 时效报表: the formatting helpers, and both pages against a stubbed fetch (ROUTES.sla). */
const project: IProjectSummary = {
  id: 1,
  code: 'YGHY',
  name: '阳光花园',
  regionId: 10,
  regionName: '华东区域',
  houseCount: 1500,
};
let roles: Role[] = [Role.ProjectManager];

vi.mock('react-router', () => ({ useNavigate: () => vi.fn(), Link: (p: { children: unknown }) => p.children }));
vi.mock('../../src/auth/session', () => ({ useMe: () => ({ roles: [] }) }));
vi.mock('../../src/layout/project-context', () => ({
  useProject: () => ({ loading: false, error: null, project, roles, projects: [project] }),
}));

describe('SLA formatting', () => {
  it('limits in Chinese units; an empty limit says what applies instead', () => {
    expect(limitText('respondMinutes', 30)).toBe('30 分钟');
    expect(limitText('resolveMinutes', 120)).toBe('2 小时');
    expect(limitText('resolveMinutes', 150)).toBe('2 小时 30 分钟');
    expect(limitText('returnVisitMinutes', 1440)).toBe('1 天');
    expect(limitText('returnVisitMinutes', 1530)).toBe('1 天 1 小时 30 分钟');
    expect(limitText('onSiteMinutes', null)).toBe('按约定上门时间');
    expect(limitText('resolveMinutes', null)).toBe('不考核');
  });

  it('the editor splits a limit into its largest exact unit and converts back with the server bounds', () => {
    expect(splitMinutes(90)).toEqual({ value: 90, unit: 'minute' });
    expect(splitMinutes(120)).toEqual({ value: 2, unit: 'hour' });
    expect(splitMinutes(2880)).toEqual({ value: 2, unit: 'day' });
    expect(toMinutes('响应时限', 2, 'hour')).toEqual({ ok: true, minutes: 120 });
    expect(toMinutes('响应时限', null, 'hour')).toEqual({ ok: false, message: '请填写响应时限，或选择不考核' });
    expect(toMinutes('响应时限', 0, 'minute')).toEqual({ ok: false, message: '响应时限至少 1 分钟' });
    expect(toMinutes('回访时限', 31, 'day')).toEqual({ ok: false, message: '回访时限最多 30 天' });
    expect(toMinutes('回访时限', 30, 'day')).toEqual({ ok: true, minutes: 43_200 });
  });

  it('report texts: averages, lateness, the month range the server accepts', () => {
    expect(averageText(null)).toBe('—');
    expect(averageText(95)).toBe('1 小时 35 分钟');
    expect(averageText(0)).toBe('不足 1 分钟');
    expect(lateText(0)).toBe('超时不足 1 分钟');
    expect(lateText(80)).toBe('超时 1 小时 20 分钟');
    expect(rangeProblem('2026-05', '2026-04')).toBe('结束月份不能早于起始月份');
    expect(rangeProblem('2025-01', '2026-01')).toBe('报表期间最多 12 个月');
    expect(rangeProblem('2025-02', '2026-01')).toBeNull();
  });

  it('policies: the project default rows first, emergency before normal', () => {
    const p = (category: string, urgency: 'emergency' | 'normal'): ISlaPolicy => ({
      projectId: 1,
      category,
      urgency,
      respondMinutes: 30,
      onSiteMinutes: null,
      resolveMinutes: null,
      returnVisitMinutes: 1440,
      isDefault: false,
    });
    expect(
      sortPolicies([p('GS', 'normal'), p('*', 'normal'), p('GD', 'emergency'), p('*', 'emergency')]).map(
        (x) => `${x.category}/${x.urgency}`,
      ),
    ).toEqual(['*/emergency', '*/normal', 'GD/emergency', 'GS/normal']);
  });
});

const server = fetchStub();
const { routes, calls } = server;

let antd: typeof import('antd');
let SlaReportPage: typeof import('../../src/pages/sla/SlaReportPage').default;
let SlaPoliciesPage: typeof import('../../src/pages/sla/SlaPoliciesPage').default;

beforeAll(async () => {
  installDomShims();
  antd = await import('antd');
  SlaReportPage = (await import('../../src/pages/sla/SlaReportPage')).default;
  SlaPoliciesPage = (await import('../../src/pages/sla/SlaPoliciesPage')).default;
}, 60_000);

let container: HTMLDivElement | null = null;
afterEach(() => {
  container?.remove();
  container = null;
  server.reset();
  roles = [Role.ProjectManager];
  vi.unstubAllGlobals();
});

async function render(element: ReturnType<typeof createElement>): Promise<HTMLDivElement> {
  server.install();
  container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(createElement(antd.App, null, element)));
  await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
  return container;
}
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ') ?? '';

const none = { respond: 0, on_site: 0, resolve: 0, return_visit: 0 };
const month = shanghaiMonth(new Date());
const report: ISlaReport = {
  projectId: 1,
  from: month,
  to: month,
  generatedAt: '2026-12-01T10:00:00.000Z',
  summary: {
    tickets: 3,
    onTime: 1,
    onTimeRateBp: 3333,
    breaches: { ...none, respond: 2, resolve: 1 },
    avgResponseMinutes: 25,
    avgResolveMinutes: 95,
  },
  byCategory: [
    {
      category: 'GD',
      urgency: 'emergency',
      tickets: 2,
      onTime: 1,
      onTimeRateBp: 5000,
      breaches: { ...none, respond: 1, resolve: 1 },
      avgResponseMinutes: 25,
      avgResolveMinutes: 95,
    },
    {
      category: 'GS',
      urgency: 'normal',
      tickets: 1,
      onTime: 0,
      onTimeRateBp: 0,
      breaches: { ...none, respond: 1 },
      avgResponseMinutes: null,
      avgResolveMinutes: null,
    },
  ],
  byTechnician: [
    {
      technicianId: 7,
      technicianName: '李师傅',
      tickets: 2,
      onTime: 1,
      onTimeRateBp: 5000,
      breaches: { ...none, respond: 1, resolve: 1 },
      avgResponseMinutes: 25,
      avgResolveMinutes: 95,
    },
    {
      technicianId: null,
      technicianName: null,
      tickets: 1,
      onTime: 0,
      onTimeRateBp: 0,
      breaches: { ...none, respond: 1 },
      avgResponseMinutes: null,
      avgResolveMinutes: null,
    },
  ],
  breaches: [
    {
      ticketId: 11,
      serial: 'YGHY-261201-002',
      category: 'GD',
      urgency: 'emergency',
      kind: 'resolve',
      dueAt: '2026-12-01T02:00:00.000Z',
      metAt: '2026-12-01T02:10:00.000Z',
      lateMinutes: 10,
      technicianId: 7,
      technicianName: '李师傅',
    },
    {
      ticketId: 12,
      serial: 'YGHY-261201-003',
      category: 'GS',
      urgency: 'normal',
      kind: 'respond',
      dueAt: '2026-12-01T02:00:00.000Z',
      metAt: null,
      lateMinutes: 80,
      technicianId: null,
      technicianName: null,
    },
  ],
};

describe('时效报表 page', () => {
  it('asks for the current month and shows the cards, the chart and the breach list', async () => {
    routes['GET /api/projects/1/sla-report'] = () => report;
    const page = await render(createElement(SlaReportPage));
    expect(calls.map((c) => c.url)).toContain(`GET /api/projects/1/sla-report?from=${month}&to=${month}`);
    const summary = text(page.querySelector('[data-testid="sla-summary"]'));
    expect(summary).toContain('工单数3');
    expect(summary).toContain('按时率33.3%');
    expect(summary).toContain('超时次数3响应 2 · 到场 0 · 完成 1 · 回访 0');
    expect(summary).toContain('平均响应25 分钟');
    expect(summary).toContain('平均完成1 小时 35 分钟');
    expect(page.querySelectorAll('[data-testid="sla-rate-chart"] rect')).toHaveLength(2);
    expect(text(page.querySelector('[data-testid="sla-rate-chart"]'))).toContain('50.0%');
    const breaches = text(page.querySelector('[data-testid="sla-breaches"]'));
    expect(breaches).toContain('YGHY-261201-002');
    expect(breaches).toContain('超时 10 分钟');
    expect(breaches).toContain('超时 1 小时 20 分钟（尚未完成）');
    expect(breaches).toContain('未派单');
    expect(text(page.querySelector('[data-testid="sla-by-technician"]'))).toContain('李师傅');
  }, 20_000);

  it('a month without tickets shows the empty state, not zeros', async () => {
    routes['GET /api/projects/1/sla-report'] = () => ({
      ...report,
      summary: { ...report.summary, tickets: 0, onTime: 0, onTimeRateBp: null },
      byCategory: [],
      byTechnician: [],
      breaches: [],
    });
    const page = await render(createElement(SlaReportPage));
    expect(text(page)).toContain('没有报修工单');
    expect(page.querySelector('[data-testid="sla-summary"]')).toBeNull();
  }, 20_000);
});

describe('服务时限 page', () => {
  const policies: ISlaPolicy[] = [
    {
      projectId: 1,
      category: '*',
      urgency: 'normal',
      respondMinutes: 120,
      onSiteMinutes: null,
      resolveMinutes: null,
      returnVisitMinutes: 1440,
      isDefault: true,
    },
    {
      projectId: 1,
      category: '*',
      urgency: 'emergency',
      respondMinutes: 30,
      onSiteMinutes: 30,
      resolveMinutes: 120,
      returnVisitMinutes: 1440,
      isDefault: true,
    },
  ];

  it('lists the defaults in Chinese units; editors get 编辑, readers do not', async () => {
    routes['GET /api/projects/1/sla-policies'] = () => policies;
    let page = await render(createElement(SlaPoliciesPage));
    const rows = [...page.querySelectorAll('[data-testid="sla-policies"] tbody tr')].map((r) => text(r));
    expect(rows[0]).toContain('紧急30 分钟30 分钟2 小时1 天');
    expect(rows[1]).toContain('一般2 小时按约定上门时间不考核1 天');
    expect(rows[0]).toContain('系统默认');
    expect(text(page)).toContain('编辑');
    container?.remove();
    roles = [Role.CustomerManager];
    page = await render(createElement(SlaPoliciesPage));
    expect(page.querySelectorAll('[data-testid="sla-policies"] tbody tr')).toHaveLength(2);
    expect(text(page.querySelector('[data-testid="sla-policies"]'))).not.toContain('编辑');
    expect(text(page)).not.toContain('新增类别时限');
  }, 20_000);
});
