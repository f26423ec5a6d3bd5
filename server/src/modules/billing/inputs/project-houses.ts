import type { EntityManager } from 'typeorm';
import type { PropertyDirectory } from '../../property/property-directory.service';

export interface ProjectHouse {
  id: number;
  areaHundredths: number;
  label: string;
}

/** The project's billable houses, id order, through property's owned sub-query (labels for the people-facing files). */
export async function projectHouses(
  manager: EntityManager,
  property: PropertyDirectory,
  projectId: number,
  withLabels = false,
): Promise<ProjectHouse[]> {
  const { sql, params } = property.billableHousesSelect(projectId);
  const rows: { house_id: number; area_hundredths: number }[] = await manager.query(
    `SELECT x.house_id, x.area_hundredths FROM (${sql}) x ORDER BY x.house_id`,
    params,
  );
  const labels = new Map<number, string>();
  // Chunked: one IN list per 2,000 ids stays under every engine's bound-parameter limit.
  for (let i = 0; withLabels && i < rows.length; i += 2000) {
    const chunk = await property.houseLabels(
      rows.slice(i, i + 2000).map((r) => Number(r.house_id)),
      manager,
    );
    for (const [id, h] of chunk) labels.set(id, h.label);
  }
  return rows.map((r) => ({
    id: Number(r.house_id),
    areaHundredths: Number(r.area_hundredths),
    label: labels.get(Number(r.house_id)) ?? '',
  }));
}
