import {
  ROUTES,
  type IAuditEntryView,
  type IAuditQuery,
  type IBuildingSummary,
  type IChangePasswordRequest,
  type ICreateProjectRequest,
  type ICreateRegionRequest,
  type ICreateStaffRequest,
  type IDepartment,
  type IGrantRoleRequest,
  type IOrganization,
  type IPage,
  type IProjectNode,
  type IRegionSummary,
  type IStaffAccount,
  type IStaffPasswordIssued,
  type IStaffQuery,
  type IUnitSummary,
  type IUpsertDepartmentRequest,
  type StaffStatus,
} from '@app/shared';
import { api } from './client';

/** 系统管理 through the shared route table (ROUTES.admin): a renamed route or field breaks this file's typecheck. */
const A = ROUTES.admin;

export const getOrganization = (): Promise<IOrganization> => api(A.organization);
export const createRegion = (body: ICreateRegionRequest): Promise<IRegionSummary> => api(A.createRegion, { body });
export const renameRegion = (regionId: number, name: string): Promise<IRegionSummary> =>
  api(A.renameRegion, { params: { regionId }, body: { name } });
export const createProject = (body: ICreateProjectRequest): Promise<IProjectNode> => api(A.createProject, { body });
export const renameProject = (projectId: number, name: string): Promise<IProjectNode> =>
  api(A.updateProject, { params: { projectId }, body: { name } });
export const createBuilding = (projectId: number, name: string): Promise<IBuildingSummary> =>
  api(A.createBuilding, { params: { projectId }, body: { name } });
export const renameBuilding = (buildingId: number, name: string): Promise<IUnitSummary> =>
  api(A.renameBuilding, { params: { buildingId }, body: { name } });
export const createUnit = (buildingId: number, name: string): Promise<IUnitSummary> =>
  api(A.createUnit, { params: { buildingId }, body: { name } });
export const renameUnit = (unitId: number, name: string): Promise<IUnitSummary> =>
  api(A.renameUnit, { params: { unitId }, body: { name } });

export const listDepartments = (projectId: number): Promise<IDepartment[]> =>
  api(A.departments, { params: { projectId } });
export const createDepartment = (projectId: number, body: IUpsertDepartmentRequest): Promise<IDepartment> =>
  api(A.createDepartment, { params: { projectId }, body });
export const updateDepartment = (departmentId: number, body: IUpsertDepartmentRequest): Promise<IDepartment> =>
  api(A.updateDepartment, { params: { departmentId }, body });

export const listStaff = (query: IStaffQuery): Promise<IPage<IStaffAccount>> => api(A.staff, { query });
export const createStaff = (body: ICreateStaffRequest): Promise<IStaffPasswordIssued> => api(A.createStaff, { body });
export const setStaffStatus = (userId: number, status: StaffStatus): Promise<IStaffAccount> =>
  api(A.setStaffStatus, { params: { userId }, body: { status } });
export const resetStaffPassword = (userId: number): Promise<IStaffPasswordIssued> =>
  api(A.resetStaffPassword, { params: { userId } });
export const endStaffSessions = (userId: number): Promise<void> => api(A.endStaffSessions, { params: { userId } });
export const grantRole = (userId: number, body: IGrantRoleRequest): Promise<IStaffAccount> =>
  api(A.grantRole, { params: { userId }, body });
export const revokeGrant = (userId: number, grantId: number): Promise<IStaffAccount> =>
  api(A.revokeGrant, { params: { userId, grantId } });

export const searchAudit = (query: IAuditQuery): Promise<IPage<IAuditEntryView>> => api(A.audit, { query });

export const changeOwnPassword = (body: IChangePasswordRequest): Promise<void> =>
  api(ROUTES.auth.changePassword, { body });
