import type { Role, ScopeType } from '../roles';

/** Staff account states an administrator can set (docs/domain.md §1). */
export type StaffStatus = 'active' | 'disabled';

export interface IStaffGrant {
  id: number;
  role: Role;
  scopeType: ScopeType;
  scopeId: number;
  scopeName: string;
}

export interface IStaffAccount {
  id: number;
  name: string;
  username: string | null;
  phone: string | null;
  status: StaffStatus;
  mustChangePassword: boolean;
  grants: IStaffGrant[];
  createdAt: string;
}

export interface IStaffQuery {
  q?: string;
  status?: StaffStatus;
  page?: number;
  pageSize?: number;
}

export interface ICreateStaffRequest {
  name: string;
  username: string;
  phone?: string;
}

/** A temporary password is shown once to the administrator; the person must change it at first sign-in. */
export interface IStaffPasswordIssued {
  account: IStaffAccount;
  temporaryPassword: string;
}

export interface ISetStaffStatusRequest {
  status: StaffStatus;
}

export interface IGrantRoleRequest {
  role: Role;
  scopeType: ScopeType;
  scopeId: number;
}

export interface IChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface IRegionSummary {
  id: number;
  code: string;
  name: string;
}

export interface IProjectNode {
  id: number;
  regionId: number;
  code: string;
  name: string;
  address: string;
}

export interface IRegionNode extends IRegionSummary {
  projects: IProjectNode[];
}

export interface IOrganization {
  companyId: number;
  companyName: string;
  regions: IRegionNode[];
}

export interface ICreateRegionRequest {
  code: string;
  name: string;
}

export interface ICreateProjectRequest {
  regionId: number;
  code: string;
  name: string;
  address?: string;
}

export interface IRenameRequest {
  name: string;
}

export interface IUpdateProjectRequest {
  name?: string;
  address?: string;
}

export interface ICreateBuildingRequest {
  name: string;
  sortOrder?: number;
}

/** A department of a project (工程部、保洁部、绿化部、秩序部 …) and the staff member who supervises it. */
export interface IDepartment {
  id: number;
  projectId: number;
  name: string;
  supervisorUserId: number | null;
  supervisorName: string | null;
}

export interface IUpsertDepartmentRequest {
  name: string;
  supervisorUserId?: number | null;
}

export interface IAuditEntryView {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: number;
  projectId: number | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface IAuditQuery {
  actorId?: number;
  entityType?: string;
  entityId?: number;
  action?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}
