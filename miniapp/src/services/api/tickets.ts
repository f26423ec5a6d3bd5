import {
  ROUTES,
  type ICompleteRequest,
  type ICreateTicketRequest,
  type ISignatureRequest,
  type ITicket,
  type ITicketEvent,
  type ITicketQuoteRequest,
  type IVerifyRequest,
  type ICheckInRequest,
  type IPage,
  type ResidentTicketFilter,
} from '@app/shared';
import { api } from '../http';

/** Repair tickets (报修): residents report and sign, technicians work them. docs/api.md "Tickets". */
const T = ROUTES.tickets;
const A = ROUTES.tickets.actions;

/** 422 VALIDATION_FAILED names the fields (house, category, description, mediaIds …). */
export function createTicket(body: ICreateTicketRequest, idempotencyKey?: string): Promise<ITicket> {
  return api(T.create, { body, idempotencyKey });
}

/** The list routes answer a page; the apps show the first 50, newest first. */
const FIRST_PAGE = { pageSize: 50 };

export async function getMyTickets(): Promise<ITicket[]> {
  return (await api(T.mine, { query: FIRST_PAGE })).items;
}

export async function getMyJobs(): Promise<ITicket[]> {
  return (await api(T.jobsMine, { query: FIRST_PAGE })).items;
}

export async function getJobPool(): Promise<ITicket[]> {
  return (await api(T.jobsPool, { query: FIRST_PAGE })).items;
}

export function getTicket(id: number): Promise<ITicket> {
  return api(T.one, { params: { id } });
}

export function getTicketTimeline(id: number): Promise<ITicketEvent[]> {
  return api(T.timeline, { params: { id } });
}

/** 409 QUOTE_CHANGED when the quote moved on since the signer saw it: reload and ask again. */
export function agreeQuote(id: number, body: ISignatureRequest): Promise<ITicket> {
  return api(A.agree_quote, { params: { id }, body });
}

export function declineQuote(id: number, reason: string): Promise<ITicket> {
  return api(A.decline_quote, { params: { id }, body: { reason } });
}

export function cancelTicket(id: number, reason: string): Promise<ITicket> {
  return api(A.cancel, { params: { id }, body: { reason } });
}

export function requestRework(id: number, reason: string): Promise<ITicket> {
  return api(A.request_rework, { params: { id }, body: { reason } });
}

export function verifyTicket(id: number, body: IVerifyRequest): Promise<ITicket> {
  return api(A.verify, { params: { id }, body });
}

// Technician side.
export function grabJob(id: number): Promise<ITicket> {
  return api(A.grab, { params: { id } });
}

export function acceptJob(id: number, visitAt: string): Promise<ITicket> {
  return api(A.accept, { params: { id }, body: { visitAt } });
}

export function declineJob(id: number, reason: string): Promise<ITicket> {
  return api(A.decline, { params: { id }, body: { reason } });
}

/** Free (public-area) work starts without a quote. */
export function startWork(id: number): Promise<ITicket> {
  return api(A.start, { params: { id } });
}

export function checkIn(id: number): Promise<ITicket> {
  return api(A.check_in, { params: { id }, body: {} });
}

export function quoteJob(id: number, body: ITicketQuoteRequest, requote = false): Promise<ITicket> {
  return api(requote ? A.requote : A.quote, { params: { id }, body });
}

export function completeJob(id: number, body: ICompleteRequest): Promise<ITicket> {
  return api(A.complete, { params: { id }, body });
}

/** Check-in with on-site photos (the API takes them; none is required). */
export function checkInWithPhotos(id: number, mediaIds: number[]): Promise<ITicket> {
  const body: ICheckInRequest = { mediaIds };
  return api(A.check_in, { params: { id }, body });
}

/** The resident's list, 待我处理 first; `filter` is 进行中 / 待我处理 / 已完成 (server-side, the list is paged). */
export function getMyTicketPage(filter?: ResidentTicketFilter, page = 1, pageSize = 50): Promise<IPage<ITicket>> {
  return api(ROUTES.tickets.mine, { query: filter ? { filter, page, pageSize } : { page, pageSize } });
}

/** Path of the ticket's 客户需求处理单 PDF; utils/authorized-pdf opens it with the session's token. */
export function ticketFormPdfPath(id: number): string {
  return T.formPdf.path.replace(':id', String(id));
}
