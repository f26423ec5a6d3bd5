import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Role, type IMe, type IProjectSummary } from '@app/shared';
import { installDomShims } from './support/dom';

/**
 * Nothing in the console may promise what the product does not do (issue 7, item 14): no "coming soon"
 * for features that exist (tickets), no bills while there is no bill feature. Two checks: the workbench as
 * rendered for real roles, and every UI source file for the known promise words.
 */
const PROMISES = [/即将上线/, /敬请期待/, /即将开放/, /功能开发中/, /coming soon/i];
// Monthly bills (domain.md §5) are not built yet: nothing may offer to show or pay them.
const BILL_PROMISES = [/(查看|缴纳|支付|在线缴).{0,8}账单/, /账单(查询|缴费|明细)/];

const project: IProjectSummary = {
  id: 1,
  code: 'YGHY',
  name: '阳光花园',
  regionId: 10,
  regionName: '华东区域',
  houseCount: 1500,
};
let roles: Role[] = [];
const navigate = vi.fn();
const api = { tickets: vi.fn(), bindings: vi.fn(), buildings: vi.fn(), technicians: vi.fn() };

vi.mock('react-router', () => ({ useNavigate: () => navigate }));
vi.mock('../../src/auth/session', () => ({
  useMe: (): IMe =>
    ({
      id: 5,
      kind: 'staff',
      name: '李强',
      phoneMasked: '139****0001',
      roles: roles.map((role) => ({ role, scopeType: 'project', scopeId: 1, scopeName: '阳光花园' })),
      houses: [],
    }) as unknown as IMe,
}));
vi.mock('../../src/layout/PageGuard', () => ({ useSelectedProject: () => project }));
vi.mock('../../src/layout/project-context', () => ({ useProject: () => ({ project, roles, projects: [project] }) }));
vi.mock('../../src/api/tickets', () => ({ listTickets: (q: { status: string }) => api.tickets(q) }));
vi.mock('../../src/api/bindings', () => ({ listBindings: () => api.bindings() }));
vi.mock('../../src/api/property', () => ({ listBuildings: () => api.buildings() }));
vi.mock('../../src/api/technicians', () => ({ listTechnicians: () => api.technicians() }));

let HomePage: typeof import('../../src/pages/home/HomePage').default;

beforeAll(async () => {
  // antd's responsive grid asks matchMedia, which jsdom lacks.
  installDomShims();
  // Loading antd takes seconds on a busy 2-core machine; once here, not inside a test's time limit.
  HomePage = (await import('../../src/pages/home/HomePage')).default;
}, 60_000);

let container: HTMLDivElement | null = null;
afterEach(() => {
  container?.remove();
  container = null;
});

async function renderHome(asRoles: Role[]): Promise<HTMLDivElement> {
  roles = asRoles;
  api.tickets.mockImplementation(async (q: { status: string }) => ({
    items: [],
    total: q.status === 'submitted' ? 3 : 2,
    page: 1,
    pageSize: 1,
  }));
  api.bindings.mockResolvedValue({ items: [], total: 4, page: 1, pageSize: 1 });
  api.buildings.mockResolvedValue([]);
  api.technicians.mockResolvedValue([]);
  container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(createElement(HomePage)));
  await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  return container;
}

function uiSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return uiSources(path);
    return /\.(tsx?|html)$/.test(name) ? [path] : [];
  });
}

describe('the console promises only what exists', () => {
  it('the workbench shows real ticket counts and links to existing pages, never "coming soon"', async () => {
    const page = await renderHome([Role.CustomerManager, Role.Supervisor]);
    const text = page.textContent ?? '';
    for (const word of [...PROMISES, ...BILL_PROMISES]) expect(text).not.toMatch(word);
    const ticketCard = page.querySelector('[data-testid="ticket-card"]')!;
    expect(ticketCard.textContent).toContain('待受理');
    expect(ticketCard.textContent).toContain('3');
    expect(ticketCard.textContent).toContain('待回访');
    expect(api.tickets).toHaveBeenCalledWith(expect.objectContaining({ projectId: 1, status: 'submitted' }));
    expect(api.tickets).toHaveBeenCalledWith(expect.objectContaining({ projectId: 1, status: 'verified' }));
    const shortcuts = [...page.querySelectorAll('[data-testid="shortcuts-card"] button')].map((b) => b.textContent);
    // A customer manager also takes desk payments (the permission table's counter-sale.create).
    expect(shortcuts).toEqual(['工单中心', '代客报修', '派单队列', '前台收款']);
    const toQueue = [...page.querySelectorAll('button')].find((b) => b.textContent === '派单队列')!;
    await act(async () => toQueue.click());
    expect(navigate).toHaveBeenCalledWith('/dispatch-queue');
  }, 20_000);

  it('a cashier gets the cash pages, not ticket counts it may not read', async () => {
    api.tickets.mockClear();
    const page = await renderHome([Role.Cashier]);
    expect([...page.querySelectorAll('[data-testid="shortcuts-card"] button')].map((b) => b.textContent)).toEqual([
      '现金待交款',
      '前台收款',
    ]);
    expect(api.tickets).not.toHaveBeenCalled();
    expect(page.textContent).not.toMatch(/即将上线/);
  }, 20_000);

  it('no UI source promises a feature that does not exist', () => {
    // Vitest runs from the package directory (jsdom gives import.meta.url a non-file scheme).
    const root = join(process.cwd(), 'src');
    const files = uiSources(root);
    expect(files.length).toBeGreaterThan(30);
    const offending = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...PROMISES, ...BILL_PROMISES]
        .filter((word) => word.test(text))
        .map((word) => `${file.slice(root.length)}: ${word}`);
    });
    expect(offending).toEqual([]);
  });
});
