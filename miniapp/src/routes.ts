/** Page URLs for navigation. Keep in step with app.config.ts. */
export const Routes = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  residentHouses: '/packages/resident/pages/houses/index',
  residentApply: '/packages/resident/pages/apply/index',
  residentFamilyRequests: '/packages/resident/pages/family-requests/index',
  /** Printed on the 公示 poster as `/h5/#/packages/resident/pages/fee-schedule/index?projectId=<id>`: never move it. */
  feeSchedule: '/packages/resident/pages/fee-schedule/index',
  feeItem: '/packages/resident/pages/fee-item/index',
  technicianHome: '/packages/technician/pages/home/index',
  staffHome: '/packages/staff/pages/home/index',
} as const
export type Route = (typeof Routes)[keyof typeof Routes]

/** The fee schedule, for a known project (a resident's house) or for the page to work out. */
export function feeScheduleUrl(projectId?: number | null): string {
  return projectId ? `${Routes.feeSchedule}?projectId=${projectId}` : Routes.feeSchedule
}

export function feeItemUrl(itemId: number): string {
  return `${Routes.feeItem}?id=${itemId}`
}
