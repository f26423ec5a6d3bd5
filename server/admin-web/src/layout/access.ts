import { Permission, roleCan, type IProjectSummary, type IRoleGrant, type Role } from '@app/shared';

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
  | 'change-password'
  | 'billing-items'
  | 'readings'
  | 'vacancies'
  | 'vacancy-apply'
  | 'bill-runs'
  | 'bills'
  | 'arrears'
  | 'collection-rate'
  | 'announcements'
  | 'complaints'
  | 'prepay-accounts'
  | 'prepay-offers'
  | 'invoices'
  | 'reconciliation'
  | 'cashier'
  | 'payment-approvals'
  | 'handover'
  | 'payments'
  | 'refunds'
  | 'sla-policies'
  | 'sla-report';

export interface PageDef {
  key: PageKey;
  path: string;
  label: string;
  group: MenuGroupKey;
  /** What the page is for; the roles come from the shared permission table, never from here. */
  permission: Permission;
  /** Company-wide pages open without a selected project (an empty company has none yet). */
  companyWide?: boolean;
  /** Reachable by route but not listed in the menu. */
  hidden?: boolean;
}

export type MenuGroupKey =
  'overview' | 'customer' | 'property' | 'engineering' | 'billing' | 'payments' | 'charges' | 'pricing' | 'admin';

export const MENU_GROUP_LABELS: Record<MenuGroupKey, string> = {
  overview: '概览',
  customer: '客户服务',
  property: '房产资料',
  engineering: '工程维修',
  billing: '账单收费',
  payments: '收银与收款',
  charges: '收费结算',
  pricing: '价格与设置',
  admin: '系统管理',
};

const P = Permission;

/**
 * Each page names the permission of its purpose (shared/src/permissions.ts), so the menu offers exactly
 * what the API allows: a role either has the page or gets the Forbidden page on a direct link.
 */
export const PAGES: readonly PageDef[] = [
  { key: 'home', path: '/', label: '工作台', group: 'overview', permission: P.PropertyView },
  // Those who work tickets; cashier, finance and quality read a ticket through its charge instead.
  { key: 'tickets', path: '/tickets', label: '工单中心', group: 'customer', permission: P.TicketHandle },
  { key: 'ticket-new', path: '/tickets/new', label: '代客报修', group: 'customer', permission: P.TicketIntake },
  { key: 'complaints', path: '/complaints', label: '投诉管理', group: 'customer', permission: P.ComplaintView },
  { key: 'bindings', path: '/bindings', label: '住户认证审核', group: 'customer', permission: P.BindingReview },
  {
    key: 'announcements',
    path: '/announcements',
    label: '公告管理',
    group: 'customer',
    permission: P.AnnouncementManage,
  },
  { key: 'houses', path: '/houses', label: '房屋档案', group: 'property', permission: P.PropertyView },
  {
    key: 'building-managers',
    path: '/building-managers',
    label: '楼栋客户经理',
    group: 'property',
    permission: P.BuildingAssignManagers,
  },
  // The supervisor's desk (dispatch and transfer); customer managers dispatch from the ticket drawer.
  {
    key: 'dispatch-queue',
    path: '/dispatch-queue',
    label: '派单队列',
    group: 'engineering',
    permission: P.TicketTransfer,
  },
  { key: 'escalated', path: '/escalated', label: '升级与整改', group: 'engineering', permission: P.TicketEscalation },
  { key: 'technicians', path: '/technicians', label: '维修师傅', group: 'engineering', permission: P.TechnicianEdit },
  // 服务时限 is read by everyone who reads dispatch policies; only dispatch-policy.edit holders see 编辑 (docs/sla.md).
  {
    key: 'sla-policies',
    path: '/sla/policies',
    label: '服务时限',
    group: 'engineering',
    permission: P.DispatchPolicyView,
  },
  { key: 'sla-report', path: '/sla/report', label: '时效报表', group: 'engineering', permission: P.ReportView },
  // 账单收费 (issue 9): monthly property bills; each page carries the permission of what it does.
  { key: 'billing-items', path: '/billing/items', label: '收费项目', group: 'billing', permission: P.BillingItemEdit },
  { key: 'readings', path: '/billing/readings', label: '抄表', group: 'billing', permission: P.ReadingEdit },
  {
    key: 'vacancy-apply',
    path: '/billing/vacancy-applications',
    label: '空置申请',
    group: 'billing',
    permission: P.VacancyApply,
  },
  { key: 'vacancies', path: '/billing/vacancies', label: '空置审批', group: 'billing', permission: P.VacancyApprove },
  { key: 'bill-runs', path: '/billing/runs', label: '账单生成', group: 'billing', permission: P.BillRun },
  { key: 'bills', path: '/billing/bills', label: '账单', group: 'billing', permission: P.BillingView },
  { key: 'arrears', path: '/billing/arrears', label: '欠费催缴', group: 'billing', permission: P.ArrearsRemind },
  {
    key: 'collection-rate',
    path: '/billing/collection-rate',
    label: '收缴率',
    group: 'billing',
    permission: P.BillingView,
  },
  // 预存 and 电子发票 (issue 10).
  { key: 'prepay-accounts', path: '/prepay/accounts', label: '预存账户', group: 'charges', permission: P.PrepayView },
  { key: 'prepay-offers', path: '/prepay/offers', label: '预存优惠', group: 'charges', permission: P.PrepayView },
  { key: 'invoices', path: '/invoices', label: '发票管理', group: 'charges', permission: P.InvoiceIssue },
  // 收银与收款 (issue 10): the desk, the second person's approval, the day's hand-over, the ledger and refunds.
  { key: 'cashier', path: '/payments/cashier', label: '收银台', group: 'payments', permission: P.PaymentCollect },
  {
    key: 'payment-approvals',
    path: '/payments/approvals',
    label: '收款复核',
    group: 'payments',
    permission: P.PaymentApprove,
  },
  { key: 'handover', path: '/payments/handover', label: '交班汇总', group: 'payments', permission: P.PaymentView },
  { key: 'payments', path: '/payments', label: '收款记录', group: 'payments', permission: P.PaymentView },
  { key: 'refunds', path: '/payments/refunds', label: '退款', group: 'payments', permission: P.RefundRequest },
  { key: 'cash', path: '/cash', label: '现金待交款', group: 'charges', permission: P.CashHandover },
  {
    key: 'counter-sales',
    path: '/counter-sales',
    label: '前台收款',
    group: 'charges',
    permission: P.CounterSaleCreate,
  },
  // Charges signed on a technician's phone wait here for the customer manager's recorded phone confirmation.
  { key: 'charges', path: '/charges', label: '费用台账', group: 'charges', permission: P.ChargeView },
  { key: 'waivers', path: '/waivers', label: '费用减免', group: 'charges', permission: P.ChargeWaive },
  // The merchant account is company-wide, so reconciliation needs no selected project.
  {
    key: 'reconciliation',
    path: '/reconciliation',
    label: '微信对账',
    group: 'charges',
    permission: P.Reconcile,
    companyWide: true,
  },
  { key: 'price-lists', path: '/price-lists', label: '价目表管理', group: 'pricing', permission: P.PriceEdit },
  { key: 'fee-schedule', path: '/fee-schedule', label: '收费标准公示', group: 'pricing', permission: P.PriceEdit },
  {
    key: 'company-settings',
    path: '/company-settings',
    label: '公司设置',
    group: 'pricing',
    permission: P.CompanySettingsEdit,
  },
  {
    key: 'service-categories',
    path: '/service-categories',
    label: '类别与技能',
    group: 'pricing',
    permission: P.CategoryEdit,
  },
  // 系统管理: company-wide admins only (admin.manage), reachable before the company has a project.
  {
    key: 'organization',
    path: '/organization',
    label: '组织架构',
    group: 'admin',
    permission: P.Administration,
    companyWide: true,
  },
  {
    key: 'staff-accounts',
    path: '/staff-accounts',
    label: '员工账号与权限',
    group: 'admin',
    permission: P.Administration,
    companyWide: true,
  },
  {
    key: 'audit-log',
    path: '/audit-log',
    label: '审计日志',
    group: 'admin',
    permission: P.Administration,
    companyWide: true,
  },
  // Every staff member changes their own password (PropertyView is held by every staff role).
  {
    key: 'change-password',
    path: '/change-password',
    label: '修改密码',
    group: 'admin',
    permission: P.PropertyView,
    companyWide: true,
    hidden: true,
  },
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
  return roleCan(roles, page.permission);
}

export interface MenuGroup {
  key: MenuGroupKey;
  label: string;
  items: PageDef[];
}

/** The left menu: pages the roles may open, grouped in a fixed order, empty groups dropped. */
export function buildMenu(roles: readonly Role[]): MenuGroup[] {
  const order: MenuGroupKey[] = [
    'overview',
    'customer',
    'property',
    'engineering',
    'billing',
    'payments',
    'charges',
    'pricing',
    'admin',
  ];
  return order
    .map((key) => ({
      key,
      label: MENU_GROUP_LABELS[key],
      items: PAGES.filter((p) => p.group === key && !p.hidden && canOpen(p, roles)),
    }))
    .filter((group) => group.items.length > 0);
}
