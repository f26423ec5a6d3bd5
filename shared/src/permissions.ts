import { Role, ScopeType } from './roles';
import { TicketActor } from './tickets';

/**
 * Every permission rule of the system, once (docs/architecture.md "Access control"). The server's
 * `@Allow()` guard and services, the console's menu and buttons and the mini-program's role entries all
 * read this table; none of them lists roles of its own.
 */
export const Permission = {
  /** Read the project's registry: buildings, houses, staff lists, quote previews; the console's workbench. */
  PropertyView: 'property.view',
  HouseEdit: 'house.edit',
  BuildingAssignManagers: 'building.assign-managers',
  BindingReview: 'binding.review',
  TechnicianView: 'technician.view',
  TechnicianEdit: 'technician.edit',
  TicketView: 'ticket.view',
  /** The resident's full phone number; everyone else reads it masked. */
  TicketContactPhone: 'ticket.contact-phone',
  /** Register, reply to and return-visit tickets, report on a resident's behalf. */
  TicketIntake: 'ticket.intake',
  TicketDispatch: 'ticket.dispatch',
  /** Move a dispatched job to another technician; the supervisor's dispatch desk. */
  TicketTransfer: 'ticket.transfer',
  /** Work tickets from the office: hold, resume and cancel; the console's ticket centre. */
  TicketHandle: 'ticket.handle',
  TicketClose: 'ticket.close',
  /** Escalated tickets, rectification tasks and damage compensation. */
  TicketEscalation: 'ticket.escalation',
  DispatchPolicyView: 'dispatch-policy.view',
  DispatchPolicyEdit: 'dispatch-policy.edit',
  /** The technician's own work: jobs, the pool, the job actions and their own profile. */
  JobWork: 'job.work',
  ChargeView: 'charge.view',
  /** Record the resident's confirmation or cash choice taken by phone. */
  ChargePhoneConfirm: 'charge.phone-confirm',
  ChargeWaive: 'charge.waive',
  CashCollect: 'cash.collect',
  CashView: 'cash.view',
  CashHandover: 'cash.handover',
  CounterSaleCreate: 'counter-sale.create',
  CounterSaleView: 'counter-sale.view',
  PriceEdit: 'price.edit',
  CategoryEdit: 'category.edit',
  CompanySettingsEdit: 'company-settings.edit',
  /** 系统管理: organisation structure, staff accounts and grants, departments, the audit log. */
  Administration: 'admin.manage',
  /** Bills, bill runs, arrears and the collection rate of a project (read). */
  BillingView: 'billing.view',
  /** Recurring fee items and their prices, per-space quantities, 公摊 totals, the late-fee policy. */
  BillingItemEdit: 'billing-item.edit',
  /** Meter readings: entry and xlsx import. */
  ReadingEdit: 'reading.edit',
  /** Start a bill run, check it and publish it. */
  BillRun: 'bill.run',
  /** Corrections of published bills (void-and-reissue, adjustment lines), late-fee waivers. */
  BillCorrect: 'bill.correct',
  /** Apply for a vacancy discount on a resident's behalf. */
  VacancyApply: 'vacancy.apply',
  VacancyApprove: 'vacancy.approve',
  /** 催缴: reminders and printed notices to houses in arrears. */
  ArrearsRemind: 'arrears.remind',
  /** Payments, receipts and refunds of a project (read). */
  PaymentView: 'payment.view',
  /** 收银台: take payments at the desk, issue and reprint receipts, record cash/transfer refunds handed back. */
  PaymentCollect: 'payment.collect',
  /** The second person who approves an offline payment before it counts (never its collector). */
  PaymentApprove: 'payment.approve',
  RefundRequest: 'refund.request',
  RefundApprove: 'refund.approve',
  /** Prepayment accounts (read) and prepay offers (edit). */
  PrepayView: 'prepay.view',
  PrepayOfferEdit: 'prepay-offer.edit',
  /** Issue or reject residents' invoice requests. */
  InvoiceIssue: 'invoice.issue',
  /** Daily WeChat Pay reconciliation (the merchant account is company-wide). */
  Reconcile: 'reconcile',
  /** 公告: write, publish and withdraw notices to a project's residents; read counts. */
  AnnouncementManage: 'announcement.manage',
  /** 投诉: read the project's complaints; the investigator acts on the ones assigned to them. */
  ComplaintView: 'complaint.view',
  /** Register complaints on a resident's behalf, assign investigators, contact, resolve, record responsibility. */
  ComplaintHandle: 'complaint.handle',
  /** Project complaint deadlines (contact / resolve). */
  ComplaintPolicyEdit: 'complaint-policy.edit',
  /** Service reports of a project: 时效报表 (on-time rates, missed deadlines). */
  ReportView: 'report.view',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

/**
 * How wide a grant must be: `project` — any grant that covers the project (project, its region or its
 * company); `region` — a region or company grant over the target; `company` — a company grant only.
 */
export type PermissionScope = 'project' | 'region' | 'company';

export interface PermissionRule {
  label: string;
  roles: readonly Role[];
  scope: PermissionScope;
}

const {
  CustomerManager: CM,
  Supervisor: SUP,
  Technician: TECH,
  ProjectManager: PM,
  Cashier: CASHIER,
  Finance: FIN,
  Quality: QA,
  Admin: ADMIN,
} = Role;
const OFFICE: readonly Role[] = [CM, SUP, PM, CASHIER, FIN, QA, ADMIN];

export const PERMISSIONS: Readonly<Record<Permission, PermissionRule>> = {
  'property.view': { label: '查看房产资料', roles: [CM, SUP, TECH, PM, CASHIER, FIN, QA, ADMIN], scope: 'project' },
  'house.edit': { label: '导入房屋、设置计费起始日', roles: [CM, PM, ADMIN], scope: 'project' },
  'building.assign-managers': { label: '分配楼栋客户经理', roles: [PM, ADMIN], scope: 'project' },
  'binding.review': { label: '审核住户认证', roles: [CM, PM, ADMIN], scope: 'project' },
  'technician.view': { label: '查看维修师傅', roles: [CM, SUP, PM, ADMIN], scope: 'project' },
  'technician.edit': { label: '管理维修师傅', roles: [SUP, PM, ADMIN], scope: 'project' },
  'ticket.view': { label: '查看工单', roles: OFFICE, scope: 'project' },
  'ticket.contact-phone': { label: '查看报修人完整电话', roles: [CM, SUP, PM], scope: 'project' },
  'ticket.intake': { label: '受理与回访、代客报修', roles: [CM, ADMIN], scope: 'project' },
  'ticket.dispatch': { label: '派单', roles: [SUP, CM, ADMIN], scope: 'project' },
  'ticket.transfer': { label: '改派（派单队列）', roles: [SUP, ADMIN], scope: 'project' },
  'ticket.handle': { label: '处理工单（挂起、恢复、取消）', roles: [CM, SUP, PM, ADMIN], scope: 'project' },
  'ticket.close': { label: '关闭工单', roles: [CM, PM, ADMIN], scope: 'project' },
  'ticket.escalation': { label: '升级、整改与损坏赔偿', roles: [PM, ADMIN], scope: 'project' },
  'dispatch-policy.view': { label: '查看派单策略', roles: [SUP, PM, ADMIN, CM], scope: 'project' },
  'dispatch-policy.edit': { label: '设置派单策略', roles: [SUP, PM, ADMIN], scope: 'project' },
  'job.work': { label: '接单与上门维修', roles: [TECH], scope: 'project' },
  'charge.view': { label: '查看费用台账', roles: OFFICE, scope: 'project' },
  'charge.phone-confirm': { label: '记录电话确认', roles: [CM], scope: 'project' },
  'charge.waive': { label: '费用减免', roles: [PM], scope: 'project' },
  'cash.collect': { label: '现场收取现金', roles: [TECH], scope: 'project' },
  'cash.view': { label: '查看现金待交款', roles: [CASHIER, PM, FIN, ADMIN], scope: 'project' },
  'cash.handover': { label: '接收现金交款', roles: [CASHIER], scope: 'project' },
  'counter-sale.create': { label: '前台收款', roles: [CASHIER, CM], scope: 'project' },
  'counter-sale.view': { label: '查看前台收款台账', roles: [CASHIER, CM, PM, FIN, ADMIN], scope: 'project' },
  'price.edit': { label: '编制与发布价目表', roles: [FIN, QA, ADMIN], scope: 'region' },
  'category.edit': { label: '类别与技能规则', roles: [QA, ADMIN], scope: 'company' },
  'company-settings.edit': { label: '公司收费设置', roles: [FIN, ADMIN], scope: 'company' },
  'admin.manage': { label: '系统管理（组织、账号、授权、审计）', roles: [ADMIN], scope: 'company' },
  'billing.view': { label: '查看账单与收缴', roles: [CM, PM, CASHIER, FIN, ADMIN], scope: 'project' },
  'billing-item.edit': { label: '收费项目与单价', roles: [FIN, ADMIN], scope: 'project' },
  'reading.edit': { label: '抄表录入与导入', roles: [CM, FIN, ADMIN], scope: 'project' },
  'bill.run': { label: '生成、核对与发布账单', roles: [FIN, ADMIN], scope: 'project' },
  'bill.correct': { label: '账单更正与滞纳金减免', roles: [PM], scope: 'project' },
  'vacancy.apply': { label: '代业主申请空置优惠', roles: [CM, FIN], scope: 'project' },
  'vacancy.approve': { label: '审批空置优惠', roles: [PM], scope: 'project' },
  'arrears.remind': { label: '催缴', roles: [CM, PM, CASHIER, FIN], scope: 'project' },
  'payment.view': { label: '查看收款与收据', roles: [CM, PM, CASHIER, FIN, ADMIN], scope: 'project' },
  'payment.collect': { label: '收银台收款', roles: [CASHIER], scope: 'project' },
  'payment.approve': { label: '复核线下收款', roles: [FIN, PM], scope: 'project' },
  'refund.request': { label: '申请退款', roles: [CASHIER, CM, FIN], scope: 'project' },
  'refund.approve': { label: '审批退款', roles: [FIN], scope: 'project' },
  'prepay.view': { label: '查看预存账户', roles: [CM, PM, CASHIER, FIN, ADMIN], scope: 'project' },
  'prepay-offer.edit': { label: '预存优惠设置', roles: [FIN, ADMIN], scope: 'project' },
  'invoice.issue': { label: '开具发票', roles: [FIN], scope: 'project' },
  reconcile: { label: '微信支付对账', roles: [FIN, ADMIN], scope: 'company' },
  'announcement.manage': { label: '公告管理', roles: [CM, PM, ADMIN], scope: 'project' },
  'complaint.view': { label: '查看投诉', roles: [CM, SUP, PM, QA, ADMIN], scope: 'project' },
  'complaint.handle': {
    label: '处理投诉（登记、指派、联系、处理结果、责任认定）',
    roles: [CM, PM, ADMIN],
    scope: 'project',
  },
  'complaint-policy.edit': { label: '设置投诉时限', roles: [PM, ADMIN], scope: 'project' },
  'report.view': { label: '查看服务报表（时效）', roles: [PM, SUP, QA, ADMIN], scope: 'project' },
};

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission].roles;
}

export function permissionsOf(role: Role): Permission[] {
  return ALL_PERMISSIONS.filter((p) => PERMISSIONS[p].roles.includes(role));
}

/** Whether any of `roles` carries the permission, regardless of scope (the route-level check). */
export function roleCan(roles: readonly Role[], permission: Permission): boolean {
  return PERMISSIONS[permission].roles.some((role) => roles.includes(role));
}

/** A role grant as the server resolves it (`projectIds`) or as `/me` returns it (without). */
export interface GrantLike {
  role: Role;
  scopeType: ScopeType;
  scopeId: number;
  projectIds?: readonly number[];
}

/** The object acted on; the fields the permission's scope needs must be given. */
export interface ScopeTarget {
  companyId?: number;
  regionId?: number | null;
  projectId?: number;
}

/**
 * Whether the grants allow the permission, over `target` when given (else anywhere). A company grant is
 * taken to cover its company's projects when the target does not name a company (the console knows one).
 */
export function can(grants: readonly GrantLike[], permission: Permission, target?: ScopeTarget): boolean {
  const rule = PERMISSIONS[permission];
  return grants.some((g) => rule.roles.includes(g.role) && (!target || grantReaches(g, rule.scope, target)));
}

const WIDTH: Record<ScopeType, number> = { project: 0, region: 1, company: 2 };

/**
 * The first grant carrying the permission that is as wide as its scope demands — e.g. the company grant
 * that names the company whose settings a finance user edits.
 */
export function grantFor<G extends GrantLike>(grants: readonly G[], permission: Permission): G | undefined {
  const rule = PERMISSIONS[permission];
  return grants.find((g) => rule.roles.includes(g.role) && WIDTH[g.scopeType] >= WIDTH[rule.scope]);
}

function grantReaches(g: GrantLike, scope: PermissionScope, t: ScopeTarget): boolean {
  const company = g.scopeType === ScopeType.Company && (t.companyId === undefined || g.scopeId === t.companyId);
  switch (scope) {
    case 'company':
      return company;
    case 'region':
      return company || (g.scopeType === ScopeType.Region && t.regionId != null && g.scopeId === t.regionId);
    case 'project':
      if (t.projectId === undefined) return false;
      if (g.projectIds) return g.projectIds.includes(t.projectId);
      if (g.scopeType === ScopeType.Project) return g.scopeId === t.projectId;
      return company || (g.scopeType === ScopeType.Region && t.regionId != null && g.scopeId === t.regionId);
  }
}

/**
 * The ticket actors each role's grant lets its holder act as (docs/domain.md §2). Residents act through
 * an approved binding and technicians through their assignment, so those come from the ticket, not a grant;
 * admin stands in for every office actor, in this order.
 */
export const ROLE_TICKET_ACTORS: Readonly<Record<Role, readonly TicketActor[]>> = {
  resident: [],
  customer_manager: [TicketActor.CustomerManager],
  supervisor: [TicketActor.Supervisor],
  technician: [],
  project_manager: [TicketActor.ProjectManager],
  cashier: [],
  finance: [],
  quality: [],
  admin: [TicketActor.CustomerManager, TicketActor.Supervisor, TicketActor.ProjectManager],
};

const OFFICE_ACTORS: readonly TicketActor[] = [
  TicketActor.CustomerManager,
  TicketActor.Supervisor,
  TicketActor.ProjectManager,
];

/** The office actors `roles` may act as, in a fixed order. */
export function ticketActorsOf(roles: readonly Role[]): TicketActor[] {
  const held = new Set(roles.flatMap((role) => ROLE_TICKET_ACTORS[role]));
  return OFFICE_ACTORS.filter((actor) => held.has(actor));
}

/**
 * Which of `preferred` actors the holder of `roles` acts as: a role that is that actor itself wins (in the
 * order of `preferred`), then a stand-in (admin, in its own order); null when none applies.
 */
export function actingAs(roles: readonly Role[], preferred: readonly TicketActor[]): TicketActor | null {
  const isOwn = (role: Role, actor: TicketActor) =>
    ROLE_TICKET_ACTORS[role].length === 1 && ROLE_TICKET_ACTORS[role][0] === actor;
  const own = preferred.find((actor) => roles.some((role) => isOwn(role, actor)));
  if (own) return own;
  for (const role of roles) {
    const standIn = ROLE_TICKET_ACTORS[role].find((actor) => preferred.includes(actor));
    if (standIn) return standIn;
  }
  return null;
}
