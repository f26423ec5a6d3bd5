import type {
  IBuildingSummary,
  IHouse,
  IHouseDetail,
  IHouseImportResult,
  IPage,
  IProjectSummary,
  IStaffMember,
  Role,
} from '@app/shared';
import { http } from './client';

export interface HouseQuery {
  buildingId?: number;
  unitId?: number;
  q?: string;
  page: number;
  pageSize: number;
}

export const HOUSE_IMPORT_TEMPLATE_PATH = '/property/houses/import-template.csv';

export function listProjects(): Promise<IProjectSummary[]> {
  return http.get<IProjectSummary[]>('/property/projects');
}

export function listBuildings(projectId: number): Promise<IBuildingSummary[]> {
  return http.get<IBuildingSummary[]>(`/property/projects/${projectId}/buildings`);
}

export function listHouses(projectId: number, query: HouseQuery): Promise<IPage<IHouse>> {
  return http.get<IPage<IHouse>>(`/property/projects/${projectId}/houses`, { ...query });
}

export function getHouse(houseId: number): Promise<IHouseDetail> {
  return http.get<IHouseDetail>(`/property/houses/${houseId}`);
}

export function importHouses(
  projectId: number,
  file: File,
  dryRun: boolean,
  onProgress?: (percent: number) => void,
): Promise<IHouseImportResult> {
  return http.upload<IHouseImportResult>(`/property/projects/${projectId}/houses/import`, file, file.name, {
    query: { dryRun },
    onProgress,
  });
}

export function downloadImportTemplate(): Promise<Blob> {
  return http.getBlob(HOUSE_IMPORT_TEMPLATE_PATH);
}

export function listStaff(projectId: number, role?: Role): Promise<IStaffMember[]> {
  return http.get<IStaffMember[]>(`/property/projects/${projectId}/staff`, { role });
}

export function assignCustomerManagers(buildingId: number, userIds: number[]): Promise<IBuildingSummary> {
  return http.put<IBuildingSummary>(`/property/buildings/${buildingId}/customer-managers`, { userIds });
}
