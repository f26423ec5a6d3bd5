import { ROUTES, type IBuildingSummary, type IDirectoryProject, type IHouseDirectoryEntry } from '@app/shared';
import { api } from '../http';

/** House directory residents browse to find their own house before applying (no personal data). */
export function getDirectoryProjects(): Promise<IDirectoryProject[]> {
  return api(ROUTES.directory.projects);
}

/** Buildings of a project, each with its units. */
export function getDirectoryBuildings(projectId: number): Promise<IBuildingSummary[]> {
  return api(ROUTES.directory.buildings, { params: { projectId } });
}

export function getDirectoryHouses(unitId: number): Promise<IHouseDirectoryEntry[]> {
  return api(ROUTES.directory.houses, { params: { unitId } });
}
