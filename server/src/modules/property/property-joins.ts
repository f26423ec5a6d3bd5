import { houseLabel } from '@app/shared';
import type { DataSource } from 'typeorm';
import { placeholders, type OwnedJoin } from '../../database/raw-rows';

/** `HouseLabel` and the project's `Pick<ProjectRef, …>` of property-directory.service.ts, spelled out: that file uses these. */
interface JoinedHouse {
  id: number;
  projectId: number;
  buildingId: number;
  unitId: number;
  label: string;
  projectName: string;
  buildingName: string;
  unitName: string;
}

interface JoinedPlaces {
  projects: Map<number, { id: number; code: string; name: string }>;
  houses: Map<number, JoinedHouse>;
}

/**
 * What `places` answers for a row of another module's statement (a new ticket's intake lookup), as LEFT JOINs on
 * its house and project columns: the house with its building, unit and label, and the house's own project (the
 * project column's where there is no house).
 */
export function placeJoin(
  projectColumn: string,
  houseColumn: string,
): OwnedJoin<{ project: { id: number; code: string; name: string } | null; house: JoinedHouse | null }> {
  return {
    columns: `pl_p.id AS pl_project_id, pl_p.code AS pl_code, pl_p.name AS pl_project, pl_h.id AS pl_house_id,
      pl_h.project_id AS pl_house_project_id, pl_h.building_id AS pl_building_id, pl_h.unit_id AS pl_unit_id,
      pl_b.name AS pl_building, pl_u.name AS pl_unit, pl_h.room_no AS pl_room_no`,
    joins: `LEFT JOIN houses pl_h ON pl_h.id = ${houseColumn}
      LEFT JOIN projects pl_p ON pl_p.id = COALESCE(pl_h.project_id, ${projectColumn})
      LEFT JOIN buildings pl_b ON pl_b.id = pl_h.building_id
      LEFT JOIN units pl_u ON pl_u.id = pl_h.unit_id`,
    read: (r) => {
      const project =
        r.pl_project_id === null || r.pl_project_id === undefined
          ? null
          : { id: Number(r.pl_project_id), code: String(r.pl_code), name: String(r.pl_project) };
      const house =
        r.pl_house_id === null || r.pl_house_id === undefined || r.pl_building === null || r.pl_unit === null
          ? null
          : {
              id: Number(r.pl_house_id),
              projectId: Number(r.pl_house_project_id),
              buildingId: Number(r.pl_building_id),
              unitId: Number(r.pl_unit_id),
              label: houseLabel(String(r.pl_building), String(r.pl_unit), String(r.pl_room_no)),
              projectName: project?.name ?? '',
              buildingName: String(r.pl_building),
              unitName: String(r.pl_unit),
            };
      return { project, house };
    },
  };
}

/**
 * `buildingManagers` of the building of a house column of another module's statement, one row per manager (a new
 * ticket's intake lookup); `order` is the assignment order. Null where the building has none.
 */
export function houseManagersJoin(houseColumn: string): OwnedJoin<{ order: number; userId: number } | null> {
  return {
    columns: 'bm.id AS bm_id, bm.user_id AS bm_user_id',
    joins: `LEFT JOIN houses bm_h ON bm_h.id = ${houseColumn} LEFT JOIN building_managers bm ON bm.building_id = bm_h.building_id`,
    read: (r) =>
      r.bm_id === null || r.bm_id === undefined ? null : { order: Number(r.bm_id), userId: Number(r.bm_user_id) },
  };
}

/** What `PropertyDirectory.places` answers: project names and house labels, one statement. */
export async function readPlaces(
  db: DataSource,
  projectIds: readonly number[],
  houseIds: readonly (number | null | undefined)[],
): Promise<JoinedPlaces> {
  const pids = [...new Set(projectIds)];
  const hids = [...new Set(houseIds.filter((id): id is number => typeof id === 'number'))];
  const out: JoinedPlaces = { projects: new Map(), houses: new Map() };
  if (!pids.length && !hids.length) return out;
  const parts: string[] = [];
  if (pids.length) {
    parts.push(`SELECT 'p' AS k, p.id AS id, p.id AS project_id, p.code AS code, p.name AS project, NULL AS building_id, NULL AS unit_id,
      NULL AS building, NULL AS unit, NULL AS room_no FROM projects p WHERE p.id IN (${placeholders(pids.length)})`);
  }
  if (hids.length) {
    parts.push(`SELECT 'h' AS k, h.id AS id, h.project_id AS project_id, p.code AS code, p.name AS project, h.building_id AS building_id,
      h.unit_id AS unit_id, b.name AS building, u.name AS unit, h.room_no AS room_no
      FROM houses h JOIN buildings b ON b.id = h.building_id JOIN units u ON u.id = h.unit_id JOIN projects p ON p.id = h.project_id
      WHERE h.id IN (${placeholders(hids.length)})`);
  }
  const rows: Record<string, string | number | null>[] = await db.query(parts.join(' UNION ALL '), [...pids, ...hids]);
  for (const r of rows) {
    const projectId = Number(r.project_id);
    if (!out.projects.has(projectId))
      out.projects.set(projectId, { id: projectId, code: String(r.code), name: String(r.project) });
    if (r.k !== 'h') continue;
    out.houses.set(Number(r.id), houseFromRow(r));
  }
  return out;
}

/** A house row selected as id, project_id, building_id, unit_id, building, unit, room_no and project (its names). */
export function houseFromRow(r: Record<string, unknown>): JoinedHouse {
  return {
    id: Number(r.id),
    projectId: Number(r.project_id),
    buildingId: Number(r.building_id),
    unitId: Number(r.unit_id),
    label: houseLabel(String(r.building), String(r.unit), String(r.room_no)),
    projectName: String(r.project),
    buildingName: String(r.building),
    unitName: String(r.unit),
  };
}
