import { ROUTES, type BindingStatus, type IBinding, type ICallerLookupRequest, type IPage } from '@app/shared';
import { api } from './client';

export interface BindingQuery {
  projectId: number;
  status: BindingStatus;
  page: number;
  pageSize: number;
}

export function listBindings(query: BindingQuery): Promise<IPage<IBinding>> {
  return api(ROUTES.bindings.list, { query });
}

export function approveBinding(id: number): Promise<IBinding> {
  return api(ROUTES.bindings.approve, { params: { id } });
}

export function rejectBinding(id: number, reason: string): Promise<IBinding> {
  return api(ROUTES.bindings.reject, { params: { id }, body: { reason } });
}

/** 代客报修: the caller's verified houses in the project, by phone (in the body, never the URL; audited). */
export function lookupCaller(body: ICallerLookupRequest): Promise<IBinding[]> {
  return api(ROUTES.bindings.lookup, { body });
}
