import type { BindingStatus, IBinding, ICallerLookupRequest, IPage } from '@app/shared';
import { http } from './client';

export interface BindingQuery {
  projectId: number;
  status: BindingStatus;
  page: number;
  pageSize: number;
}

export function listBindings(query: BindingQuery): Promise<IPage<IBinding>> {
  return http.get<IPage<IBinding>>('/bindings', { ...query });
}

export function approveBinding(id: number): Promise<IBinding> {
  return http.post<IBinding>(`/bindings/${id}/approve`);
}

export function rejectBinding(id: number, reason: string): Promise<IBinding> {
  return http.post<IBinding>(`/bindings/${id}/reject`, { reason });
}

/** 代客报修: the caller's verified houses in the project, by phone (in the body, never the URL; audited). */
export function lookupCaller(body: ICallerLookupRequest): Promise<IBinding[]> {
  return http.post<IBinding[]>('/bindings/lookup', body);
}
