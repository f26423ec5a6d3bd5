import type { ComplaintDeadlineKind, ComplaintStatus } from '@app/shared';

/** Defaults when a project stores no policy: contact the resident within 2 h, resolve within 48 h. */
export const COMPLAINT_DEFAULTS = { contactMinutes: 120, resolveMinutes: 2880 } as const;

export const WARN_AT = 0.75;
const MIN = 60_000;

/** Which statuses each action may start from (the conditional UPDATE repeats the check). */
export const FROM: Record<
  'assign' | 'contact' | 'note' | 'resolve' | 'confirm' | 'dispute',
  readonly ComplaintStatus[]
> = {
  assign: ['open', 'contacted', 'disputed'],
  contact: ['open'],
  note: ['open', 'contacted', 'resolved', 'disputed'],
  resolve: ['contacted', 'disputed'],
  confirm: ['resolved'],
  dispute: ['resolved'],
};

export const OPEN_STATUSES: readonly ComplaintStatus[] = ['open', 'contacted', 'disputed'];

export const complaintNumber = (id: number): string => `TS-${String(id).padStart(6, '0')}`;

export interface ComplaintClockFacts {
  createdAt: Date;
  contactDueAt: Date;
  contactedAt: Date | null;
  resolveDueAt: Date;
  resolvedAt: Date | null;
  status: ComplaintStatus;
}

export interface ComplaintClock {
  kind: ComplaintDeadlineKind;
  dueAt: Date;
  durationMs: number;
  elapsedMs: number;
}

/**
 * The running clocks: contact runs from the complaint until the first contact; resolve until a resolution
 * stands (a dispute clears `resolvedAt`, so the same deadline runs on — and is usually already breached).
 */
export function runningClocks(c: ComplaintClockFacts, at: Date): ComplaintClock[] {
  if (c.status === 'closed' || c.status === 'resolved') return [];
  const clocks: ComplaintClock[] = [];
  const add = (kind: ComplaintDeadlineKind, dueAt: Date, met: Date | null) => {
    if (met) return;
    clocks.push({
      kind,
      dueAt,
      durationMs: Math.max(MIN, dueAt.getTime() - c.createdAt.getTime()),
      elapsedMs: at.getTime() - c.createdAt.getTime(),
    });
  };
  add('contact', c.contactDueAt, c.contactedAt);
  add('resolve', c.resolveDueAt, c.resolvedAt);
  return clocks;
}

/** 'warn' at 75 %, 'breach_1' at the deadline (investigator / customer managers), 'breach_2' at twice it (project managers). */
export function reachedStages(clock: ComplaintClock): string[] {
  const stages: string[] = [];
  if (clock.elapsedMs >= WARN_AT * clock.durationMs) stages.push('warn');
  if (clock.elapsedMs >= clock.durationMs) stages.push('breach_1');
  if (clock.elapsedMs >= 2 * clock.durationMs) stages.push('breach_2');
  return stages;
}

export const isOverdue = (due: Date, met: Date | null, at: Date): boolean => (met ?? at).getTime() > due.getTime();

/** 催单: once an hour per request, and only before the work is done. */
export const URGE_INTERVAL_MS = 60 * MIN;
export const URGEABLE_STATUSES = [
  'submitted',
  'registered',
  'dispatched',
  'accepted',
  'on_site',
  'quoted',
  'in_progress',
] as const;
