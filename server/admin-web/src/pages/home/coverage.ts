import type { IBuildingSummary } from '@app/shared';

export interface Coverage {
  covered: number;
  total: number;
  percent: number;
}

/** Share of buildings with at least one customer manager, as a whole percent rounded down. */
export function managerCoverage(buildings: readonly IBuildingSummary[]): Coverage {
  const total = buildings.length;
  const covered = buildings.filter((b) => b.customerManagers.length > 0).length;
  // Rounded down so a project is never shown as 100% while one building is still unassigned.
  const percent = total === 0 ? 0 : Math.floor((covered * 100) / total);
  return { covered, total, percent };
}
