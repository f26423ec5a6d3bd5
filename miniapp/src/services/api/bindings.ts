import type { IBinding, ICreateBindingRequest, IRejectBindingRequest } from '@app/shared'
import { http } from '../http'

/** House bindings (业主认证), resident side: apply, follow up, and owners reviewing family members. */
export const BindingRoutes = {
  apply: '/api/bindings',
  mine: '/api/bindings/mine',
  familyRequests: '/api/bindings/family-requests',
  approve: (id: number) => `/api/bindings/${id}/approve`,
  reject: (id: number) => `/api/bindings/${id}/reject`,
} as const

/** 409 CONFLICT when the caller already applied for this house; 422 VALIDATION_FAILED names the fields. */
export function applyForBinding(body: ICreateBindingRequest): Promise<IBinding> {
  return http.post<IBinding>(BindingRoutes.apply, body)
}

export function getMyBindings(): Promise<IBinding[]> {
  return http.get<IBinding[]>(BindingRoutes.mine)
}

/** Pending family-member applications on houses where the caller is the verified owner. */
export function getFamilyRequests(): Promise<IBinding[]> {
  return http.get<IBinding[]>(BindingRoutes.familyRequests)
}

/** 409 STATE_CONFLICT (details.current) when someone else already reviewed it. */
export function approveBinding(id: number): Promise<IBinding> {
  return http.post<IBinding>(BindingRoutes.approve(id))
}

export function rejectBinding(id: number, reason: string): Promise<IBinding> {
  const body: IRejectBindingRequest = { reason }
  return http.post<IBinding>(BindingRoutes.reject(id), body)
}
