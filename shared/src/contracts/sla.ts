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
