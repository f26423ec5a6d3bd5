import type { BindingStatus, IBinding, IPage } from '@app/shared';
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
