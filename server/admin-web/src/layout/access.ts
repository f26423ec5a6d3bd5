import { Role, type IProjectSummary, type IRoleGrant } from '@app/shared';

export type PageKey =
  | 'home'
  | 'tickets'
  | 'ticket-new'
  | 'dispatch-queue'
  | 'escalated'
  | 'houses'
  | 'bindings'
  | 'building-managers'
  | 'technicians'
  | 'price-lists'
  | 'fee-schedule'
  | 'cash'
  | 'counter-sales'
  | 'charges'
  | 'waivers'
  | 'company-settings'
  | 'service-categories'
  | 'organization'
  | 'staff-accounts'
  | 'audit-log'
  | 'change-password';

export interface PageDef {
  key: PageKey;
  path: string;
  label: string;
  group: MenuGroupKey;
  /** Roles that may open the page; admin may open every page. */
  roles: readonly Role[];
  /** Company-wide pages open without a selected project (an empty company has none yet). */
  companyWide?: boolean;
  /** Reachable by route but not listed in the menu. */
  hidden?: boolean;
}

export type MenuGroupKey = 'overview' | 'customer' | 'property' | 'engineering' | 'charges' | 'pricing' | 'admin';

export const MENU_GROUP_LABELS: Record<MenuGroupKey, string> = {
  overview: '概览',
  customer: '客户服务',
  property: '房产资料',
  engineering: '工程维修',
  charges: '收费结算',
  pricing: '价格与设置',
  admin: '系统管理',
};

/** Only the finance and quality centres draft, approve and publish prices (CATALOG_EDITORS on the server). */
const PRICE_EDITORS: readonly Role[] = [Role.Finance, Role.Quality];

const OFFICE_STAFF: readonly Role[] = [
  Role.CustomerManager,
  Role.Supervisor,
  Role.ProjectManager,
  Role.Cashier,
  Role.Finance,
  Role.Quality,
];

/** Who works tickets from the console (the server's staff ticket list also admits them). */
const TICKET_VIEWERS: readonly Role[] = [Role.CustomerManager, Role.Supervisor, Role.ProjectManager];

/** Mirrors the server's guards (docs/api.md): the menu only offers what the API will allow. */
export const PAGES: readonly PageDef[] = [
  { key: 'home', path: '/', label: '工作台', group: 'overview', roles: [...OFFICE_STAFF, Role.Technician] },
  { key: 'tickets', path: '/tickets', label: '工单中心', group: 'customer', roles: TICKET_VIEWERS },
  { key: 'ticket-new', path: '/tickets/new', label: '代客报修', group: 'customer', roles: [Role.CustomerManager] },
  { key: 'bindings', path: '/bindings', label: '住户认证审核', group: 'customer', roles: [Role.CustomerManager, Role.ProjectManager] },
  { key: 'houses', path: '/houses', label: '房屋档案', group: 'property', roles: OFFICE_STAFF },
  { key: 'building-managers', path: '/building-managers', label: '楼栋客户经理', group: 'property', roles: [Role.ProjectManager] },
  { key: 'dispatch-queue', path: '/dispatch-queue', label: '派单队列', group: 'engineering', roles: [Role.Supervisor] },
  { key: 'escalated', path: '/escalated', label: '升级与整改', group: 'engineering', roles: [Role.ProjectManager] },
  { key: 'technicians', path: '/technicians', label: '维修师傅', group: 'engineering', roles: [Role.Supervisor, Role.ProjectManager] },
  { key: 'cash', path: '/cash', label: '现金待交款', group: 'charges', roles: [Role.Cashier] },
  { key: 'counter-sales', path: '/counter-sales', label: '前台收款', group: 'charges', roles: [Role.Cashier] },
  // Charges signed on a technician's phone wait here for the customer manager's recorded phone confirmation.
  { key: 'charges', path: '/charges', label: '费用台账', group: 'charges', roles: [Role.CustomerManager, Role.ProjectManager, Role.Finance] },
  { key: 'waivers', path: '/waivers', label: '费用减免', group: 'charges', roles: [Role.ProjectManager] },
  { key: 'price-lists', path: '/price-lists', label: '价目表管理', group: 'pricing', roles: PRICE_EDITORS },
  { key: 'fee-schedule', path: '/fee-schedule', label: '收费标准公示', group: 'pricing', roles: PRICE_EDITORS },
  { key: 'company-settings', path: '/company-settings', label: '公司设置', group: 'pricing', roles: [Role.Finance] },
  // Category → skill rules (CATEGORY_RULE_EDITORS on the server): the quality centre, company-wide.
  { key: 'service-categories', path: '/service-categories', label: '类别与技能', group: 'pricing', roles: [Role.Quality] },
  // Administration (server: @Roles(Role.Admin) with a company-wide grant); no other role opens these.
  { key: 'organization', path: '/organization', label: '组织架构', group: 'admin', roles: [], companyWide: true },
  { key: 'staff-accounts', path: '/staff-accounts', label: '员工账号与权限', group: 'admin', roles: [], companyWide: true },
  { key: 'audit-log', path: '/audit-log', label: '审计日志', group: 'admin', roles: [], companyWide: true },
  { key: 'change-password', path: '/change-password', label: '修改密码', group: 'admin', roles: [...OFFICE_STAFF, Role.Technician], companyWide: true, hidden: true },
];

export function pageByKey(key: PageKey): PageDef {
  const page = PAGES.find((p) => p.key === key);
  if (!page) throw new Error(`unknown page ${key}`);
  return page;
}

/** Whether a role grant applies to a project: project-scoped by id, region-scoped by region, company-wide always. */
export function grantCovers(grant: IRoleGrant, project: Pick<IProjectSummary, 'id' | 'regionId'>): boolean {
  switch (grant.scopeType) {
    case 'company':
      return true;
    case 'region':
      return grant.scopeId === project.regionId;
    case 'project':
      return grant.scopeId === project.id;
  }
}

/**
 * Roles in force for the selected project. Without a project (none visible yet) every grant counts,
 * so a company-wide user still gets a menu.
 */
export function effectiveRoles(grants: readonly IRoleGrant[], project: IProjectSummary | null): Role[] {
  const applicable = project ? grants.filter((g) => grantCovers(g, project)) : grants;
  return [...new Set(applicable.map((g) => g.role))];
}

export function canOpen(page: PageDef, roles: readonly Role[]): boolean {
  if (roles.includes(Role.Admin)) return true;
  return page.roles.some((role) => roles.includes(role));
}

export interface MenuGroup {
  key: MenuGroupKey;
  label: string;
  items: PageDef[];
}

/** The left menu: pages the roles may open, grouped in a fixed order, empty groups dropped. */
export function buildMenu(roles: readonly Role[]): MenuGroup[] {
  const order: MenuGroupKey[] = ['overview', 'customer', 'property', 'engineering', 'charges', 'pricing', 'admin'];
  return order
    .map((key) => ({ key, label: MENU_GROUP_LABELS[key], items: PAGES.filter((p) => p.group === key && !p.hidden && canOpen(p, roles)) }))
    .filter((group) => group.items.length > 0);
}

/** House import writes the project's master data: customer managers and project managers keep it. */
export function canImportHouses(roles: readonly Role[]): boolean {
  return [Role.Admin, Role.ProjectManager, Role.CustomerManager].some((role) => roles.includes(role));
}
