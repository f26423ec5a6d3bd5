import type { ICharge } from '@app/shared'
import { http } from '../http'

/** A resident's charges (费用). docs/api.md "Charges". */
export const ChargeRoutes = {
  one: (id: number) => `/api/charges/${id}`,
  confirm: (id: number) => `/api/charges/${id}/confirm`,
} as const

export function getCharge(id: number): Promise<ICharge> {
  return http.get<ICharge>(ChargeRoutes.one(id))
}

/**
 * The resident confirms, on their own account, a charge whose signatures were collected on the technician's
 * phone; until then it is not billed and no cash can be taken. Repeating it is harmless.
 */
export function confirmCharge(id: number): Promise<ICharge> {
  return http.post<ICharge>(ChargeRoutes.confirm(id))
}
