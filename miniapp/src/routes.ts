/** Page URLs for navigation. Keep in step with app.config.ts. */
export const Routes = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  residentHouses: '/packages/resident/pages/houses/index',
  residentApply: '/packages/resident/pages/apply/index',
  residentFamilyRequests: '/packages/resident/pages/family-requests/index',
  technicianHome: '/packages/technician/pages/home/index',
  staffHome: '/packages/staff/pages/home/index',
} as const
export type Route = (typeof Routes)[keyof typeof Routes]
