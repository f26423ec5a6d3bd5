import type {
  ICreateTicketRequest,
  IDamageRequest,
  IDispatchPolicy,
  IPage,
  IRectificationTask,
  IRegisterTicketRequest,
  IReturnVisitRequest,
  ITicket,
  ITicketEvent,
  TicketKind,
  TicketStatus,
} from '@app/shared';
import { http } from './client';

export interface TicketQuery {
  projectId: number;
  status?: TicketStatus;
  kind?: TicketKind;
  page?: number;
  pageSize?: number;
}

export function listTickets(query: TicketQuery): Promise<IPage<ITicket>> {
  return http.get<IPage<ITicket>>('/tickets', { ...query });
}

export function getTicket(id: number): Promise<ITicket> {
  return http.get<ITicket>(`/tickets/${id}`);
}

export function getTimeline(id: number): Promise<ITicketEvent[]> {
  return http.get<ITicketEvent[]>(`/tickets/${id}/timeline`);
}

export function createTicket(body: ICreateTicketRequest): Promise<ITicket> {
  return http.post<ITicket>('/tickets', body);
}

/** Work lists answer a page; the console shows the first WORK_LIST_SIZE (the server's maximum) and says when there are more. */
export const WORK_LIST_SIZE = 200;

export function dispatchQueue(projectId: number): Promise<IPage<ITicket>> {
  return http.get<IPage<ITicket>>('/tickets/dispatch-queue', { projectId, pageSize: WORK_LIST_SIZE });
}

export function escalatedTickets(projectId: number): Promise<IPage<ITicket>> {
  return http.get<IPage<ITicket>>('/tickets/escalated', { projectId, pageSize: WORK_LIST_SIZE });
}

/** Every staff action is a POST to /tickets/:id/<path>; the body is whatever the action's form produced. */
export function ticketAction(id: number, path: string, body: object = {}): Promise<ITicket> {
  return http.post<ITicket>(`/tickets/${id}/${path}`, body);
}

export const register = (id: number, body: IRegisterTicketRequest) => ticketAction(id, 'register', body);
export const returnVisit = (id: number, body: IReturnVisitRequest) => ticketAction(id, 'return-visit', body);
export const recordDamage = (id: number, body: IDamageRequest) => ticketAction(id, 'damage', body);

export function getDispatchPolicies(projectId: number): Promise<IDispatchPolicy[]> {
  return http.get<IDispatchPolicy[]>(`/projects/${projectId}/dispatch-policies`);
}

/** One rule per call: the server upserts by (project, category). */
export function saveDispatchPolicy(projectId: number, policy: Omit<IDispatchPolicy, 'projectId'>): Promise<IDispatchPolicy> {
  return http.put<IDispatchPolicy>(`/projects/${projectId}/dispatch-policies`, policy);
}

export function listRectifications(projectId: number): Promise<IPage<IRectificationTask>> {
  return http.get<IPage<IRectificationTask>>('/rectifications', { projectId, pageSize: WORK_LIST_SIZE });
}

export function resolveRectification(id: number, note: string): Promise<IRectificationTask> {
  return http.post<IRectificationTask>(`/rectifications/${id}/resolve`, { note });
}
