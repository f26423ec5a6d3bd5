import { MERGEABLE_STATUSES, Permission, roleCan, type ITicket, type Role } from '@app/shared';

/**
 * 合并重复报修 is offered on a ticket nobody has worked on yet (the server's MERGEABLE_STATUSES), not already
 * merged, to staff who may cancel tickets (ticket.handle) — merging cancels the duplicate.
 */
export function canMerge(ticket: Pick<ITicket, 'status' | 'mergedInto'>, roles: readonly Role[]): boolean {
  return roleCan(roles, Permission.TicketHandle) && !ticket.mergedInto && MERGEABLE_STATUSES.includes(ticket.status);
}

/** What the merge modal says it will do, naming both tickets. */
export function mergeSummary(duplicate: Pick<ITicket, 'serial'>, targetSerial: string): string {
  return `${duplicate.serial} 将取消并标记为「已合并到 ${targetSerial}」；其报修人之后会一并收到 ${targetSerial} 的进度通知（只能查看，报价仍由该户住户确认）。`;
}
