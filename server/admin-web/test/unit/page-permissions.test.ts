import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Role, type ICharge, type IProjectSummary } from '@app/shared';
import { installDomShims } from './support/dom';

/**
 * Issue 12 #16: admin's 费用减免 showed a "无权查看" picture over a list with live 免收 buttons. A page
 * belongs to a role or it does not (the direct link shows Forbidden), and its buttons follow the permission.
 */
const project: IProjectSummary = {
  id: 1,
  code: 'YGHY',
  name: '阳光花园',
  regionId: 10,
  regionName: '华东区域',
  houseCount: 1500,
};
let roles: Role[] = [];

const charge = {
  id: 7,
  projectId: 1,
  houseLabel: '1栋1单元101',
  ticketSerial: 'YGHY-260101-001',
  lines: [],
  paymentMethod: 'cash',
  createdAt: '2026-01-01T02:00:00.000Z',
  totalFen: 5000,
  status: 'open',
  confirmation: 'confirmed',
} as unknown as ICharge;

vi.mock('react-router', () => ({ useNavigate: () => vi.fn() }));
// PageGuard reads the signed-in user for company-wide pages; 费用减免 is project-scoped, so no grant is needed here.
vi.mock('../../src/auth/session', () => ({ useMe: () => ({ roles: [] }) }));
vi.mock('../../src/layout/project-context', () => ({
  useProject: () => ({ loading: false, error: null, project, roles, projects: [project] }),
}));
vi.mock('../../src/api/charges', () => ({
  listCharges: async () => ({ items: [charge], total: 1, page: 1, pageSize: 20 }),
  getWaiverBudget: async () => ({ month: '2026-01', capFen: 200000, usedFen: 0, remainingFen: 200000 }),
  waiveCharge: vi.fn(),
}));

let PageGuard: typeof import('../../src/layout/PageGuard').PageGuard;
let WaiversPage: typeof import('../../src/pages/waivers/WaiversPage').default;

beforeAll(async () => {
  installDomShims();
  PageGuard = (await import('../../src/layout/PageGuard')).PageGuard;
  WaiversPage = (await import('../../src/pages/waivers/WaiversPage')).default;
}, 60_000);

let container: HTMLDivElement | null = null;
afterEach(() => {
  container?.remove();
  container = null;
});

async function render(element: ReturnType<typeof createElement>, as: Role[]): Promise<HTMLDivElement> {
  roles = as;
  container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(element));
  await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  return container;
}

const waiveButtons = (page: HTMLElement) =>
  [...page.querySelectorAll('button')].filter((b) => b.textContent?.replace(/\s/g, '') === '免收');

describe('费用减免 belongs to the project manager only', () => {
  it.each(Object.values(Role))(
    '%s: the direct link shows the page only when the role may waive',
    async (role) => {
      const page = await render(
        createElement(PageGuard, { page: 'waivers', children: createElement('div', { 'data-testid': 'inside' }) }),
        [role],
      );
      const mayWaive = role === Role.ProjectManager;
      expect(page.querySelector('[data-testid="inside"]') !== null).toBe(mayWaive);
      expect(page.textContent?.includes('没有访问权限')).toBe(!mayWaive);
    },
    20_000,
  );

  it('the project manager gets a live 免收 button on each open charge', async () => {
    const page = await render(createElement(WaiversPage), [Role.ProjectManager]);
    expect(waiveButtons(page)).toHaveLength(1);
  }, 20_000);

  it('rendered for a role without charge.waive (admin), the list carries no 免收 button', async () => {
    const page = await render(createElement(WaiversPage), [Role.Admin]);
    expect(page.textContent).toContain('1栋1单元101');
    expect(waiveButtons(page)).toHaveLength(0);
  }, 20_000);
});
