import {
  ROUTES,
  buildPath,
  type IBuildingSummary,
  type IHouse,
  type IHouseDetail,
  type IHouseImportResult,
  type IPage,
  type IProjectSummary,
  type IStaffMember,
  type Role,
} from '@app/shared';
import { api, http } from './client';

export interface HouseQuery {
  buildingId?: number;
  unitId?: number;
  q?: string;
  page: number;
  pageSize: number;
}

const P = ROUTES.property;

export const HOUSE_IMPORT_TEMPLATE_PATH = P.importTemplate.path;

export function listProjects(): Promise<IProjectSummary[]> {
  return api(P.projects);
}

export function listBuildings(projectId: number): Promise<IBuildingSummary[]> {
  return api(P.buildings, { params: { projectId } });
}

export function listHouses(projectId: number, query: HouseQuery): Promise<IPage<IHouse>> {
  return api(P.houses, { params: { projectId }, query });
}

export function getHouse(houseId: number): Promise<IHouseDetail> {
  return api(P.house, { params: { houseId } });
}

/** Multipart through XHR (upload progress), so it takes the route's path rather than the typed caller. */
export function importHouses(
  projectId: number,
  file: File,
  dryRun: boolean,
  onProgress?: (percent: number) => void,
): Promise<IHouseImportResult> {
  return http.upload<IHouseImportResult>(buildPath(P.importHouses.path, { projectId }), file, file.name, {
    query: { dryRun },
    onProgress,
  });
}

export function downloadImportTemplate(): Promise<Blob> {
  return http.getBlob(HOUSE_IMPORT_TEMPLATE_PATH);
}

export function listStaff(projectId: number, role?: Role): Promise<IStaffMember[]> {
  return api(P.staff, { params: { projectId }, query: { role } });
}

export function assignCustomerManagers(buildingId: number, userIds: number[]): Promise<IBuildingSummary> {
  return api(P.assignCustomerManagers, { params: { buildingId }, body: { userIds } });
}

/** Sets (or clears with null) a house's 计费起始日 ("YYYY-MM-DD"); months not yet billed use it. */
export function setHouseBillingStart(houseId: number, billingStartDate: string | null): Promise<IHouse> {
  return api(P.setHouseBillingStart, { params: { houseId }, body: { billingStartDate } });
}
