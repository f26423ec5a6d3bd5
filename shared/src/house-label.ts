/** "3栋" + "1单元" + "1201" → "3栋1单元1201"; shown on every screen, export and printout. */
export function houseLabel(buildingName: string, unitName: string, roomNo: string): string {
  return `${buildingName}${unitName}${roomNo}`;
}
