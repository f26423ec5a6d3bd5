import type {
  IAuditEntryView, IAuditQuery, IBuildingSummary, IChangePasswordRequest, ICreateProjectRequest, ICreateRegionRequest, ICreateStaffRequest,
  IDepartment, IGrantRoleRequest, IOrganization, IPage, IProjectNode, IRegionSummary, IStaffAccount, IStaffPasswordIssued, IStaffQuery,
  IUnitSummary, IUpsertDepartmentRequest, StaffStatus,
} from '@app/shared';
import { http } from './client';

export const getOrganization = () => http.get<IOrganization>('/api/admin/organization');
export const createRegion = (body: ICreateRegionRequest) => http.post<IRegionSummary>('/api/admin/regions', body);
export const renameRegion = (id: number, name: string) => http.patch<IRegionSummary>(`/api/admin/regions/${id}`, { name });
export const createProject = (body: ICreateProjectRequest) => http.post<IProjectNode>('/api/admin/projects', body);
export const renameProject = (id: number, name: string) => http.patch<IProjectNode>(`/api/admin/projects/${id}`, { name });
export const createBuilding = (projectId: number, name: string) => http.post<IBuildingSummary>(`/api/admin/projects/${projectId}/buildings`, { name });
export const renameBuilding = (id: number, name: string) => http.patch<IUnitSummary>(`/api/admin/buildings/${id}`, { name });
export const createUnit = (buildingId: number, name: string) => http.post<IUnitSummary>(`/api/admin/buildings/${buildingId}/units`, { name });
export const renameUnit = (id: number, name: string) => http.patch<IUnitSummary>(`/api/admin/units/${id}`, { name });

export const listDepartments = (projectId: number) => http.get<IDepartment[]>(`/api/admin/projects/${projectId}/departments`);
export const createDepartment = (projectId: number, body: IUpsertDepartmentRequest) => http.post<IDepartment>(`/api/admin/projects/${projectId}/departments`, body);
export const updateDepartment = (id: number, body: IUpsertDepartmentRequest) => http.put<IDepartment>(`/api/admin/departments/${id}`, body);

export const listStaff = (query: IStaffQuery) => http.get<IPage<IStaffAccount>>('/api/admin/staff', { ...query });
export const createStaff = (body: ICreateStaffRequest) => http.post<IStaffPasswordIssued>('/api/admin/staff', body);
export const setStaffStatus = (id: number, status: StaffStatus) => http.post<IStaffAccount>(`/api/admin/staff/${id}/status`, { status });
export const resetStaffPassword = (id: number) => http.post<IStaffPasswordIssued>(`/api/admin/staff/${id}/password-reset`);
export const endStaffSessions = (id: number) => http.post<void>(`/api/admin/staff/${id}/sessions/end`);
export const grantRole = (id: number, body: IGrantRoleRequest) => http.post<IStaffAccount>(`/api/admin/staff/${id}/grants`, body);
export const revokeGrant = (id: number, grantId: number) => http.request<IStaffAccount>('DELETE', `/admin/staff/${id}/grants/${grantId}`);

export const searchAudit = (query: IAuditQuery) => http.get<IPage<IAuditEntryView>>('/api/admin/audit', { ...query });

export const changeOwnPassword = (body: IChangePasswordRequest) => http.post<void>('/api/me/password', body);
