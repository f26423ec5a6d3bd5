import type { RepairScope, TicketKind, TicketStatus } from '../tickets';

/** A ticket named by id and serial (links between tickets). */
export interface ITicketRef {
  id: number;
  serial: string;
}

/** 合并重复报修: merge the ticket in the path (the duplicate) into `targetId`. */
export interface IMergeTicketRequest {
  targetId: number;
  /** Optional note kept with the cancellation of the duplicate. */
  reason?: string;
}

export interface IMergeCandidatesQuery {
  /** Part of the target's serial (客户需求处理单 NO.). */
  serial?: string;
}

/** An open ticket of the same house (or the same project's public area) the duplicate may be merged into. */
export interface IMergeCandidate {
  id: number;
  serial: string;
  kind: TicketKind;
  scope: RepairScope | null;
  status: TicketStatus;
  houseLabel: string | null;
  description: string;
  createdAt: string;
}

/** A duplicate report merged into this ticket; its reporter follows this ticket's progress. */
export interface IMergedTicket {
  id: number;
  serial: string;
  description: string;
  contactName: string | null;
  /** Whether a resident hears this ticket's progress messages for it (a 代客报修 without a matching resident has none). */
  followerNotified: boolean;
  mergedAt: string;
}
