import type { IFeeItem, IMaterialPriceList, IPublicFeeSchedule } from '@app/shared'
import { http } from '../http'

/** The published fee schedule (公示). Public routes: a poster's QR code opens them without signing in. */
export const CatalogRoutes = {
  schedule: '/api/public/fee-schedule',
  item: (itemId: number) => `/api/public/fee-schedule/items/${itemId}`,
} as const

/**
 * The schedule in force for a project; `q` filters items on the server (name, code, service standard) and drops
 * categories left empty. 404 NO_SCHEDULE_IN_FORCE when the project has none.
 * `auth: false`: no token is sent, so a stale or expired session can never turn a public read into a sign-in.
 */
export function getPublicFeeSchedule(projectId: number, q?: string): Promise<IPublicFeeSchedule> {
  const needle = q?.trim()
  return http.get<IPublicFeeSchedule>(CatalogRoutes.schedule, { query: { projectId, q: needle || undefined }, auth: false })
}

/** One item of a published version (404 NOT_FOUND otherwise). */
export function getPublicFeeItem(itemId: number): Promise<IFeeItem> {
  return http.get<IFeeItem>(CatalogRoutes.item(itemId), { auth: false })
}

/** The material price list in force for a project (technicians only); `versionId: null` when none is published. */
export function getMaterialPrices(projectId: number): Promise<IMaterialPriceList> {
  return http.get<IMaterialPriceList>('/api/fee-schedule/materials', { query: { projectId } })
}
