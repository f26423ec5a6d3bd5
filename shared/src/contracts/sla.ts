import type { Urgency } from '../tickets';

/** The four clocks of docs/domain.md §2 "Service levels". */
export type SlaDeadlineKind = 'respond' | 'on_site' | 'resolve' | 'return_visit';

/**
 * 服务时限 per project × category × urgency ('*' category = the project's default for that urgency).
 * Minutes; null = no clock of that kind (a normal job is on site at the agreed visit time instead).
 */
export interface ISlaPolicy {
  projectId: number;
  category: string;
  urgency: Urgency;
  respondMinutes: number | null;
  onSiteMinutes: number | null;
  resolveMinutes: number | null;
  returnVisitMinutes: number | null;
  /** True when no row is stored and the domain defaults apply. */
  isDefault: boolean;
}

export type ISlaPolicyRequest = Omit<ISlaPolicy, 'projectId' | 'isDefault'>;

/** One deadline of a ticket, for countdowns. `dueAt` already includes the time the ticket was on hold. */
export interface ITicketSlaDeadline {
  kind: SlaDeadlineKind;
  dueAt: string;
  /** When the deadline was met (the clock stopped), null while it runs. */
  metAt: string | null;
  /** The ticket is on hold: the clock is stopped and `dueAt` moves on until it resumes. */
  paused: boolean;
  /** Met late, or still open past `dueAt`. */
  breached: boolean;
}

/** 时效报表 query: report months `YYYY-MM` (Asia/Shanghai), `from` ≤ `to`, at most 12 months. */
export interface ISlaReportQuery {
  from: string;
  to: string;
}

/** Tickets reported in the period (cancelled ones left out) and the deadlines they missed. */
export interface ISlaReportFigures {
  tickets: number;
  /** Tickets that missed no deadline. */
  onTime: number;
  /** onTime ÷ tickets in basis points (9500 = 95 %), null without tickets. */
  onTimeRateBp: number | null;
  breaches: Record<SlaDeadlineKind, number>;
  /** Report → accepted, wall-clock minutes (hold time included), over the accepted tickets; null if none. */
  avgResponseMinutes: number | null;
  /** Report → work done, wall-clock minutes, over the finished tickets; null if none. */
  avgResolveMinutes: number | null;
}

export interface ISlaReportCategoryRow extends ISlaReportFigures {
  category: string;
  urgency: Urgency;
}

export interface ISlaReportTechnicianRow extends ISlaReportFigures {
  /** null: tickets nobody was dispatched to. */
  technicianId: number | null;
  technicianName: string | null;
}

/** One missed deadline. */
export interface ISlaBreachRow {
  ticketId: number;
  serial: string;
  category: string;
  urgency: Urgency;
  kind: SlaDeadlineKind;
  dueAt: string;
  /** When the deadline was met after all; null while still open. */
  metAt: string | null;
  /** Minutes past the deadline: up to `metAt`, else up to the report's `generatedAt`. */
  lateMinutes: number;
  technicianId: number | null;
  technicianName: string | null;
}

export interface ISlaReport {
  projectId: number;
  from: string;
  to: string;
  generatedAt: string;
  summary: ISlaReportFigures;
  byCategory: ISlaReportCategoryRow[];
  byTechnician: ISlaReportTechnicianRow[];
  /** The latest missed deadlines first, at most `BREACH_LIST_LIMIT`; summary.breaches has the full counts. */
  breaches: ISlaBreachRow[];
}
