import type { IInboxMessage } from '@app/shared';
import { Routes, complaintUrl, ticketUrl } from '../routes';

/** Messages about a job the technician works on open the job page. */
const JOB_KINDS = new Set([
  'ticket.dispatched',
  'ticket.pool',
  'ticket.quote_agreed',
  'ticket.rework',
  'ticket.visit_reminder',
]);

/**
 * The complainant's complaint messages (已登记 / 已联系 / 有处理结果). The staff ones (新投诉, 指派, 异议, 超时) are
 * handled in the console: the mini-program has no staff complaint page, so they open nothing here.
 */
const RESIDENT_COMPLAINT_KINDS = new Set(['complaint.registered', 'complaint.contacted', 'complaint.resolved']);

/**
 * Where tapping a message goes: every message with a ticket opens that ticket — the job page for the
 * technician's job messages (and SLA warnings when the reader is a technician), the ticket page otherwise;
 * the complainant's complaint messages open the complaint; an announcement opens that notice (the notices
 * list for messages written before they named it), a payment message 缴费记录; a transfer away from the
 * technician opens nothing (no longer theirs).
 */
export function messageTarget(
  m: Pick<IInboxMessage, 'kind' | 'ticketId'> & Partial<Pick<IInboxMessage, 'objectId'>>,
  isTechnician: boolean,
): string | null {
  if (m.kind === 'announcement') return m.objectId ? `${Routes.announcement}?id=${m.objectId}` : Routes.announcements;
  if (m.kind.startsWith('complaint.'))
    return RESIDENT_COMPLAINT_KINDS.has(m.kind) && m.objectId ? complaintUrl(m.objectId) : null;
  // 缴费成功 / 退款成功: the payment and its receipt are under 缴费记录.
  if (m.kind.startsWith('payment.')) return Routes.payments;
  if (!m.ticketId || m.kind === 'ticket.transferred') return null;
  if (JOB_KINDS.has(m.kind) || (isTechnician && m.kind.startsWith('sla.')))
    return `${Routes.technicianJob}?id=${m.ticketId}`;
  return ticketUrl(m.ticketId);
}
