/** "3栋" + "1单元" + "1201" → "3栋1单元1201"; shown on every screen, export and printout. */
export function houseLabel(buildingName: string, unitName: string, roomNo: string): string {
  return `${buildingName}${unitName}${roomNo}`;
}

/**
 * What a person types to find a house, split the way labels are built: "3栋1单元1201", "3栋1201",
 * "1单元12" or just "1201". Building and unit match their names exactly; the room part matches within.
 */
export function parseHouseSearch(q: string): { building: string | null; unit: string | null; room: string } {
  const m = /^(.*?栋)?(.*?单元)?(.*)$/.exec(q.replace(/\s+/g, ''))!;
  return { building: m[1] || null, unit: m[2] || null, room: m[3] };
}
