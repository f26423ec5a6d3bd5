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
  residentReport: '/packages/resident/pages/report/index',
  residentTickets: '/packages/resident/pages/tickets/index',
  residentTicket: '/packages/resident/pages/ticket/index',
  residentSign: '/packages/resident/pages/sign/index',
  technicianHome: '/packages/technician/pages/home/index',
  technicianJobs: '/packages/technician/pages/jobs/index',
  technicianJob: '/packages/technician/pages/job/index',
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

export function ticketUrl(id: number): string {
  return `${Routes.residentTicket}?id=${id}`
}

/**
 * The signature page: `agree` signs the current quote, `verify` signs acceptance with ratings. `onBehalf`: the
 * resident signs on the technician's phone (the page lives in the resident package; any page may open it).
 */
export function signUrl(id: number, mode: 'agree' | 'verify', onBehalf = false): string {
  return `${Routes.residentSign}?id=${id}&mode=${mode}${onBehalf ? '&onBehalf=1' : ''}`
}

export function jobsUrl(tab: 'mine' | 'pool' | 'done'): string {
  return `${Routes.technicianJobs}?tab=${tab}`
}

export function jobUrl(id: number): string {
  return `${Routes.technicianJob}?id=${id}`
}
