import type { IInboxMessage } from '@app/shared';

/** What tapping a message in the bell opens: a ticket's drawer or a complaint in 投诉管理. */
export type BellTarget = { type: 'ticket'; id: number } | { type: 'complaint'; id: number } | null;

/**
 * Complaint messages (新投诉, 指派, 异议, 即将超时/已超时) name their complaint in `objectId`; every other
 * message about a ticket (催单 included) opens the ticket. Messages about neither open nothing.
 */
export function bellTarget(m: Pick<IInboxMessage, 'kind' | 'ticketId' | 'objectId'>): BellTarget {
  if (m.kind.startsWith('complaint.')) return m.objectId ? { type: 'complaint', id: m.objectId } : null;
  return m.ticketId ? { type: 'ticket', id: m.ticketId } : null;
}

/** 投诉管理 with one complaint's drawer open (the page switches to the complaint's project first). */
export const complaintLink = (id: number): string => `/complaints?complaint=${id}`;
