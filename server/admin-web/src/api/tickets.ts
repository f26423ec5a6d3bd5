import {
  buildPath,
  ROUTES,
  ticketCommandOfSegment,
  type ICreateTicketRequest,
  type IDamageRequest,
  type IDispatchPolicy,
  type IMergeCandidate,
  type IMergedTicket,
  type IMergeTicketRequest,
  type IPage,
  type IRectificationTask,
  type IRegisterTicketRequest,
  type IReturnVisitRequest,
  type ITicket,
  type ITicketEvent,
  type TicketActionSegment,
  type TicketKind,
  type TicketStatus,
} from '@app/shared';
import { api, http } from './client';

export interface TicketQuery {
  projectId: number;
  status?: TicketStatus;
  kind?: TicketKind;
  page?: number;
  pageSize?: number;
}

const T = ROUTES.tickets;

export function listTickets(query: TicketQuery): Promise<IPage<ITicket>> {
  return api(T.list, { query });
}

export function getTicket(id: number): Promise<ITicket> {
  return api(T.one, { params: { id } });
}

export function getTimeline(id: number): Promise<ITicketEvent[]> {
  return api(T.timeline, { params: { id } });
}

export function createTicket(body: ICreateTicketRequest): Promise<ITicket> {
  return api(T.create, { body });
}

/** Work lists answer a page; the console shows the first WORK_LIST_SIZE (the server's maximum) and says when there are more. */
export const WORK_LIST_SIZE = 200;

export function dispatchQueue(projectId: number): Promise<IPage<ITicket>> {
  return api(T.dispatchQueue, { query: { projectId, pageSize: WORK_LIST_SIZE } });
}

export function escalatedTickets(projectId: number): Promise<IPage<ITicket>> {
  return api(T.escalated, { query: { projectId, pageSize: WORK_LIST_SIZE } });
}

/**
 * Every staff action is a POST to /api/tickets/:id/<segment>, found in the shared action table. The body is
 * whatever the action's form produced (built and checked per action in pages/tickets/ticket-logic.ts).
 */
export function ticketAction(id: number, segment: TicketActionSegment, body: object = {}): Promise<ITicket> {
  const route = T.actions[ticketCommandOfSegment(segment)];
  return api(route, { params: { id }, body: body as never });
}

export const register = (id: number, body: IRegisterTicketRequest) => api(T.actions.register, { params: { id }, body });
export const returnVisit = (id: number, body: IReturnVisitRequest) =>
  api(T.actions.return_visit, { params: { id }, body });
export const recordDamage = (id: number, body: IDamageRequest) => api(T.actions.damage, { params: { id }, body });

export function getDispatchPolicies(projectId: number): Promise<IDispatchPolicy[]> {
  return api(T.dispatchPolicies, { params: { projectId } });
}

/** One rule per call: the server upserts by (project, category). */
export function saveDispatchPolicy(
  projectId: number,
  policy: Omit<IDispatchPolicy, 'projectId'>,
): Promise<IDispatchPolicy> {
  return api(T.saveDispatchPolicy, { params: { projectId }, body: policy });
}

export function listRectifications(projectId: number): Promise<IPage<IRectificationTask>> {
  return api(T.rectifications, { query: { projectId, pageSize: WORK_LIST_SIZE } });
}

/** Answers 204: the task leaves the list, which the page reloads. */
export function resolveRectification(id: number, note: string): Promise<void> {
  return api(T.resolveRectification, { params: { id }, body: { note } });
}

/** 客户需求处理单 as a PDF (bearer token, so fetched as a blob and saved, never a plain link). */
export const downloadTicketForm = (id: number): Promise<Blob> => http.getBlob(buildPath(T.formPdf.path, { id }));

/** 合并重复报修: merge the duplicate `id` into `targetId`; answers the duplicate (cancelled, mergedInto set). */
export function mergeTicket(id: number, body: IMergeTicketRequest): Promise<ITicket> {
  return api(T.merge, { params: { id }, body });
}

export function mergeCandidates(id: number, serial?: string): Promise<IMergeCandidate[]> {
  return api(T.mergeCandidates, { params: { id }, query: { serial } });
}

export function mergedTickets(id: number): Promise<IMergedTicket[]> {
  return api(T.merged, { params: { id } });
}
