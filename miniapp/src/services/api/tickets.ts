import type {
  IAcceptJobRequest,
  ICompleteRequest,
  ICreateTicketRequest,
  IPage,
  IReasonRequest,
  ISignatureRequest,
  ITicket,
  ITicketEvent,
  ITicketQuoteRequest,
  IVerifyRequest,
  ResidentTicketFilter,
} from '@app/shared'
import { http } from '../http'

/** Repair tickets (报修): residents report and sign, technicians work them. docs/api.md "Tickets". */
export const TicketRoutes = {
  create: '/api/tickets',
  mine: '/api/tickets/mine',
  jobsMine: '/api/tickets/jobs/mine',
  jobsPool: '/api/tickets/jobs/pool',
  one: (id: number) => `/api/tickets/${id}`,
  timeline: (id: number) => `/api/tickets/${id}/timeline`,
  action: (id: number, action: TicketActionPath) => `/api/tickets/${id}/${action}`,
} as const

/** URL segments of POST /api/tickets/:id/<action> (they differ from the action names in a few places). */
export type TicketActionPath =
  | 'grab'
  | 'decline'
  | 'accept'
  | 'start'
  | 'check-in'
  | 'quote'
  | 'requote'
  | 'agree'
  | 'decline-quote'
  | 'complete'
  | 'verify'
  | 'rework'
  | 'cancel'

/** 422 VALIDATION_FAILED names the fields (house, category, description, mediaIds …). */
export function createTicket(body: ICreateTicketRequest, idempotencyKey?: string): Promise<ITicket> {
  return http.post<ITicket>(TicketRoutes.create, body, { idempotencyKey })
}

/** The list routes answer a page; the apps show the first 50, newest first. */
export async function getMyTickets(): Promise<ITicket[]> {
  return (await http.get<IPage<ITicket>>(TicketRoutes.mine, { query: { pageSize: 50 } })).items
}

export async function getMyJobs(): Promise<ITicket[]> {
  return (await http.get<IPage<ITicket>>(TicketRoutes.jobsMine, { query: { pageSize: 50 } })).items
}

export async function getJobPool(): Promise<ITicket[]> {
  return (await http.get<IPage<ITicket>>(TicketRoutes.jobsPool, { query: { pageSize: 50 } })).items
}

export function getTicket(id: number): Promise<ITicket> {
  return http.get<ITicket>(TicketRoutes.one(id))
}

export function getTicketTimeline(id: number): Promise<ITicketEvent[]> {
  return http.get<ITicketEvent[]>(TicketRoutes.timeline(id))
}

/** 409 QUOTE_CHANGED when the quote moved on since the signer saw it: reload and ask again. */
export function agreeQuote(id: number, body: ISignatureRequest): Promise<ITicket> {
  return http.post<ITicket>(TicketRoutes.action(id, 'agree'), body)
}

export function declineQuote(id: number, reason: string): Promise<ITicket> {
  const body: IReasonRequest = { reason }
  return http.post<ITicket>(TicketRoutes.action(id, 'decline-quote'), body)
}

export function cancelTicket(id: number, reason: string): Promise<ITicket> {
  const body: IReasonRequest = { reason }
  return http.post<ITicket>(TicketRoutes.action(id, 'cancel'), body)
}

export function requestRework(id: number, reason: string): Promise<ITicket> {
  const body: IReasonRequest = { reason }
  return http.post<ITicket>(TicketRoutes.action(id, 'rework'), body)
}

export function verifyTicket(id: number, body: IVerifyRequest): Promise<ITicket> {
  return http.post<ITicket>(TicketRoutes.action(id, 'verify'), body)
}

// Technician side.
export function grabJob(id: number): Promise<ITicket> {
  return http.post<ITicket>(TicketRoutes.action(id, 'grab'))
}

export function acceptJob(id: number, visitAt: string): Promise<ITicket> {
  const body: IAcceptJobRequest = { visitAt }
  return http.post<ITicket>(TicketRoutes.action(id, 'accept'), body)
}

export function declineJob(id: number, reason: string): Promise<ITicket> {
  const body: IReasonRequest = { reason }
  return http.post<ITicket>(TicketRoutes.action(id, 'decline'), body)
}

/** Free (public-area) work starts without a quote. */
export function startWork(id: number): Promise<ITicket> {
  return http.post<ITicket>(TicketRoutes.action(id, 'start'))
}

export function checkIn(id: number): Promise<ITicket> {
  return http.post<ITicket>(TicketRoutes.action(id, 'check-in'))
}

export function quoteJob(id: number, body: ITicketQuoteRequest, requote = false): Promise<ITicket> {
  return http.post<ITicket>(TicketRoutes.action(id, requote ? 'requote' : 'quote'), body)
}

export function completeJob(id: number, body: ICompleteRequest): Promise<ITicket> {
  return http.post<ITicket>(TicketRoutes.action(id, 'complete'), body)
}

/** The resident's list, 待我处理 first; `filter` is 进行中 / 待我处理 / 已完成 (server-side, the list is paged). */
export function getMyTicketPage(filter?: ResidentTicketFilter, page = 1, pageSize = 50): Promise<IPage<ITicket>> {
  return http.get<IPage<ITicket>>(TicketRoutes.mine, { query: filter ? { filter, page, pageSize } : { page, pageSize } })
}
