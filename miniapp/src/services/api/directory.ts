import type { IBuildingSummary, IDirectoryProject, IHouseDirectoryEntry } from '@app/shared'
import { http } from '../http'

/** House directory residents browse to find their own house before applying (no personal data). */
export const DirectoryRoutes = {
  projects: '/api/directory/projects',
  buildings: (projectId: number) => `/api/directory/projects/${projectId}/buildings`,
  houses: (unitId: number) => `/api/directory/units/${unitId}/houses`,
} as const

export function getDirectoryProjects(): Promise<IDirectoryProject[]> {
  return http.get<IDirectoryProject[]>(DirectoryRoutes.projects)
}

/** Buildings of a project, each with its units. */
export function getDirectoryBuildings(projectId: number): Promise<IBuildingSummary[]> {
  return http.get<IBuildingSummary[]>(DirectoryRoutes.buildings(projectId))
}

export function getDirectoryHouses(unitId: number): Promise<IHouseDirectoryEntry[]> {
  return http.get<IHouseDirectoryEntry[]>(DirectoryRoutes.houses(unitId))
}
