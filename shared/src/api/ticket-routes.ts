import type {
  IAcceptJobRequest,
  ICheckInRequest,
  ICompleteRequest,
  ICreateTicketRequest,
  IDamageRequest,
  IDispatchPolicy,
  IDispatchRequest,
  IPage,
  IReasonRequest,
  IRectificationTask,
  IRegisterTicketRequest,
  IReplyRequest,
  IResolveRectificationRequest,
  IReturnVisitRequest,
  ISignatureRequest,
  ISlaPolicy,
  ISlaPolicyRequest,
  ITicket,
  ITicketEvent,
  ITicketQuoteRequest,
  ITechnicianWorkload,
  ITransferRequest,
  IVerifyRequest,
  IMergeCandidate,
  IMergeCandidatesQuery,
  IMergedTicket,
  IMergeTicketRequest,
} from '../contracts';
import type { IMyTicketsQuery, IProjectPageQuery, ITicketListQuery } from '../contracts/queries';
import type { IPageQuery } from '../contracts/common';
import type { TicketAction } from '../tickets';
import { get, post, put, type AnyRoute, type BodyOf } from './route';

const action = <B = undefined>() => post<ITicket, B>();

/** POST /api/tickets/:id/<segment> per lifecycle action; the segment differs from the action name in five places. */
const ACTIONS = {
  register: action<IRegisterTicketRequest>()('/api/tickets/:id/register'),
  dispatch: action<IDispatchRequest>()('/api/tickets/:id/dispatch'),
  grab: action()('/api/tickets/:id/grab'),
  decline: action<IReasonRequest>()('/api/tickets/:id/decline'),
  transfer: action<ITransferRequest>()('/api/tickets/:id/transfer'),
  accept: action<IAcceptJobRequest>()('/api/tickets/:id/accept'),
  check_in: action<ICheckInRequest>()('/api/tickets/:id/check-in'),
  quote: action<ITicketQuoteRequest>()('/api/tickets/:id/quote'),
  requote: action<ITicketQuoteRequest>()('/api/tickets/:id/requote'),
  agree_quote: action<ISignatureRequest>()('/api/tickets/:id/agree'),
  // The resident may sign a refusal too (a recorded decline), so the signature fields ride along optionally.
  decline_quote: action<IReasonRequest & Partial<ISignatureRequest>>()('/api/tickets/:id/decline-quote'),
  start: action()('/api/tickets/:id/start'),
  complete: action<ICompleteRequest>()('/api/tickets/:id/complete'),
  verify: action<IVerifyRequest>()('/api/tickets/:id/verify'),
  request_rework: action<IReasonRequest>()('/api/tickets/:id/rework'),
  return_visit: action<IReturnVisitRequest>()('/api/tickets/:id/return-visit'),
  close: action()('/api/tickets/:id/close'),
  reply: action<IReplyRequest>()('/api/tickets/:id/reply'),
  cancel: action<IReasonRequest>()('/api/tickets/:id/cancel'),
} as const satisfies Record<TicketAction, AnyRoute>;

/** Staff commands on a ticket that are not lifecycle transitions (no status change). */
const STAFF_COMMANDS = {
  hold: action<IReasonRequest>()('/api/tickets/:id/hold'),
  resume: action()('/api/tickets/:id/resume'),
  damage: action<IDamageRequest>()('/api/tickets/:id/damage'),
} as const;

export type TicketStaffCommand = keyof typeof STAFF_COMMANDS;
export type TicketCommand = TicketAction | TicketStaffCommand;

/** The one action → route map (mini-program, console and the e2e model test all read it). */
export const TICKET_ACTION_ROUTES = { ...ACTIONS, ...STAFF_COMMANDS } as const;

type ActionRoutes = typeof TICKET_ACTION_ROUTES;
/** The URL segment after /api/tickets/:id/, e.g. 'rework' for request_rework. */
export type TicketActionSegment = {
  [A in TicketCommand]: ActionRoutes[A]['path'] extends `/api/tickets/:id/${infer S}` ? S : never;
}[TicketCommand];
export type TicketActionBody<A extends TicketCommand> = BodyOf<ActionRoutes[A]>;

export function ticketActionSegment<A extends TicketCommand>(command: A): TicketActionSegment {
  return TICKET_ACTION_ROUTES[command].path.slice('/api/tickets/:id/'.length) as TicketActionSegment;
}

export function ticketCommandOfSegment(segment: TicketActionSegment): TicketCommand {
  const found = (Object.keys(TICKET_ACTION_ROUTES) as TicketCommand[]).find((c) => ticketActionSegment(c) === segment);
  if (!found) throw new Error(`unknown ticket action segment ${segment}`);
  return found;
}

const WORK_LIST = <Q = IPageQuery>() => get<IPage<ITicket>, Q>();

export const TICKET_ROUTES = {
  list: WORK_LIST<ITicketListQuery>()('/api/tickets'),
  /** Accepts an `Idempotency-Key` header: a retried report creates one ticket. */
  create: post<ITicket, ICreateTicketRequest>()('/api/tickets'),
  mine: WORK_LIST<IMyTicketsQuery>()('/api/tickets/mine'),
  jobsMine: WORK_LIST<ITicketListQuery>()('/api/tickets/jobs/mine'),
  jobsPool: WORK_LIST()('/api/tickets/jobs/pool'),
  dispatchQueue: WORK_LIST<IProjectPageQuery>()('/api/tickets/dispatch-queue'),
  escalated: WORK_LIST<IProjectPageQuery>()('/api/tickets/escalated'),
  one: get<ITicket>()('/api/tickets/:id'),
  timeline: get<ITicketEvent[]>()('/api/tickets/:id/timeline'),
  /** application/pdf: the printable 客户需求处理单 (staff with ticket.view on the project, or the ticket's resident). */
  formPdf: get<ArrayBuffer>()('/api/tickets/:id/form.pdf'),
  actions: TICKET_ACTION_ROUTES,
  dispatchPolicies: get<IDispatchPolicy[]>()('/api/projects/:projectId/dispatch-policies'),
  /** One rule per call: the server upserts by (project, category). */
  saveDispatchPolicy: put<IDispatchPolicy, Omit<IDispatchPolicy, 'projectId'>>()(
    '/api/projects/:projectId/dispatch-policies',
  ),
  slaPolicies: get<ISlaPolicy[]>()('/api/projects/:projectId/sla-policies'),
  /** One policy per call: the server upserts by (project, category, urgency). */
  saveSlaPolicy: put<ISlaPolicy, ISlaPolicyRequest>()('/api/projects/:projectId/sla-policies'),
  rectifications: get<IPage<IRectificationTask>, IProjectPageQuery>()('/api/rectifications'),
  /** Open jobs and today's appointments per technician of the project (dispatchers). */
  technicianWorkload: get<ITechnicianWorkload[], { projectId: number }>()('/api/tickets/technician-workload'),
  resolveRectification: post<void, IResolveRectificationRequest>()('/api/rectifications/:id/resolve'),
  /** 合并重复报修 (ticket.handle): the ticket in the path is the duplicate; answers its view (cancelled, mergedInto set). */
  merge: post<ITicket, IMergeTicketRequest>()('/api/tickets/:id/merge'),
  /** Open tickets the duplicate may be merged into (same house, or the project's public area), by serial. */
  mergeCandidates: get<IMergeCandidate[], IMergeCandidatesQuery>()('/api/tickets/:id/merge-candidates'),
  /** The duplicate reports merged into this ticket (staff with ticket.view). */
  merged: get<IMergedTicket[]>()('/api/tickets/:id/merged'),
} as const;
