import { ROUTES, type IBinding, type ICreateBindingRequest } from '@app/shared';
import { api } from '../http';

/** House bindings (业主认证), resident side: apply, follow up, and owners reviewing family members. */

/** 409 CONFLICT when the caller already applied for this house; 422 VALIDATION_FAILED names the fields. */
export function applyForBinding(body: ICreateBindingRequest): Promise<IBinding> {
  return api(ROUTES.bindings.apply, { body });
}

export function getMyBindings(): Promise<IBinding[]> {
  return api(ROUTES.bindings.mine);
}

/** Pending family-member applications on houses where the caller is the verified owner. */
export function getFamilyRequests(): Promise<IBinding[]> {
  return api(ROUTES.bindings.familyRequests);
}

/** 409 STATE_CONFLICT (details.current) when someone else already reviewed it. */
export function approveBinding(id: number): Promise<IBinding> {
  return api(ROUTES.bindings.approve, { params: { id } });
}

export function rejectBinding(id: number, reason: string): Promise<IBinding> {
  return api(ROUTES.bindings.reject, { params: { id }, body: { reason } });
}
