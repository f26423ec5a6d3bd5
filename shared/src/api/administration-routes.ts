import type {
  IAuditEntryView,
  IAuditQuery,
  IBuildingSummary,
  ICreateBuildingRequest,
  ICreateProjectRequest,
  ICreateRegionRequest,
  ICreateStaffRequest,
  IDepartment,
  IGrantRoleRequest,
  IOrganization,
  IPage,
  IProjectNode,
  IRegionSummary,
  IRenameRequest,
  ISetStaffStatusRequest,
  IStaffAccount,
  IStaffPasswordIssued,
  IStaffQuery,
  IUnitSummary,
  IUpdateProjectRequest,
  IUpsertDepartmentRequest,
} from '../contracts';
import { del, get, patch, post, put } from './route';

/**
 * 系统管理 (the administration module, `admin.manage`: company-wide admins). Organization structure, departments,
 * staff accounts with their grants and sessions, and the audit search — all scoped to the admin's company.
 */
export const ADMIN_ROUTES = {
  organization: get<IOrganization>()('/api/admin/organization'),
  createRegion: post<IRegionSummary, ICreateRegionRequest>()('/api/admin/regions'),
  renameRegion: patch<IRegionSummary, IRenameRequest>()('/api/admin/regions/:regionId'),
  createProject: post<IProjectNode, ICreateProjectRequest>()('/api/admin/projects'),
  /** Name and / or address. */
  updateProject: patch<IProjectNode, IUpdateProjectRequest>()('/api/admin/projects/:projectId'),
  createBuilding: post<IBuildingSummary, ICreateBuildingRequest>()('/api/admin/projects/:projectId/buildings'),
  /** Answers the renamed building in the unit-summary shape (id and name). */
  renameBuilding: patch<IUnitSummary, IRenameRequest>()('/api/admin/buildings/:buildingId'),
  createUnit: post<IUnitSummary, IRenameRequest>()('/api/admin/buildings/:buildingId/units'),
  renameUnit: patch<IUnitSummary, IRenameRequest>()('/api/admin/units/:unitId'),

  departments: get<IDepartment[]>()('/api/admin/projects/:projectId/departments'),
  createDepartment: post<IDepartment, IUpsertDepartmentRequest>()('/api/admin/projects/:projectId/departments'),
  updateDepartment: put<IDepartment, IUpsertDepartmentRequest>()('/api/admin/departments/:departmentId'),

  staff: get<IPage<IStaffAccount>, IStaffQuery>()('/api/admin/staff'),
  /** The temporary password is in the answer, once; the account must change it at its first sign-in. */
  createStaff: post<IStaffPasswordIssued, ICreateStaffRequest>()('/api/admin/staff'),
  setStaffStatus: post<IStaffAccount, ISetStaffStatusRequest>()('/api/admin/staff/:userId/status'),
  /** A new temporary password with forced change at the next sign-in; every session of the account ends. */
  resetStaffPassword: post<IStaffPasswordIssued>()('/api/admin/staff/:userId/password-reset'),
  endStaffSessions: post<void>()('/api/admin/staff/:userId/sessions/end'),
  grantRole: post<IStaffAccount, IGrantRoleRequest>()('/api/admin/staff/:userId/grants'),
  revokeGrant: del<IStaffAccount>()('/api/admin/staff/:userId/grants/:grantId'),

  audit: get<IPage<IAuditEntryView>, IAuditQuery>()('/api/admin/audit'),
} as const;
