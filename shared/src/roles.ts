/** Roles from docs/domain.md §1. Technicians and residents are roles too, so one guard serves everyone. */
export const Role = {
  Resident: 'resident',
  CustomerManager: 'customer_manager',
  Supervisor: 'supervisor',
  Technician: 'technician',
  ProjectManager: 'project_manager',
  Cashier: 'cashier',
  Finance: 'finance',
  Quality: 'quality',
  Admin: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const STAFF_ROLES: readonly Role[] = [
  Role.CustomerManager,
  Role.Supervisor,
  Role.Technician,
  Role.ProjectManager,
  Role.Cashier,
  Role.Finance,
  Role.Quality,
  Role.Admin,
];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '业主/住户',
  customer_manager: '客户经理',
  supervisor: '部门主管',
  technician: '维修师傅',
  project_manager: '项目经理',
  cashier: '收费员',
  finance: '财务中心',
  quality: '品质管理中心',
  admin: '系统管理员',
};

/** A role is granted over a project, a whole region, or the whole company (finance, quality, admin). */
export const ScopeType = { Project: 'project', Region: 'region', Company: 'company' } as const;
export type ScopeType = (typeof ScopeType)[keyof typeof ScopeType];

export const UserKind = { Resident: 'resident', Staff: 'staff' } as const;
export type UserKind = (typeof UserKind)[keyof typeof UserKind];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (Object.values(Role) as string[]).includes(value);
}
