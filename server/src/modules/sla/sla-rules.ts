import type { ITicketSlaDeadline, SlaDeadlineKind, Urgency } from '@app/shared';

export interface SlaLimits {
  respondMinutes: number | null;
  onSiteMinutes: number | null;
  resolveMinutes: number | null;
  returnVisitMinutes: number | null;
}

/** docs/domain.md §2: the defaults when a project stores no policy. A normal job's arrival is the agreed visit time. */
export const SLA_DEFAULTS: Record<Urgency, SlaLimits> = {
  emergency: { respondMinutes: 30, onSiteMinutes: 30, resolveMinutes: 120, returnVisitMinutes: 1440 },
  normal: { respondMinutes: 120, onSiteMinutes: null, resolveMinutes: null, returnVisitMinutes: 1440 },
};

export const WARN_AT = 0.75;
/** Escalation levels after the breach: owner, supervisors, project managers. */
export const BREACH_LEVELS = 3;

export interface ClockFacts {
  createdAt: Date;
  acceptedAt: Date | null;
  onSiteAt: Date | null;
  doneAt: Date | null;
  verifiedAt: Date | null;
  visitedAt: Date | null;
  visitAt: Date | null;
  holds: { from: Date; to: Date | null }[];
}

export interface SlaClockState {
  kind: SlaDeadlineKind;
  start: Date;
  durationMs: number;
  metAt: Date | null;
  /** Clock time used so far (hold time excluded), up to `metAt` or `at`. */
  activeMs: number;
  dueAt: Date;
  paused: boolean;
}

const MIN = 60_000;

/** Hold time inside [start, end]; an unfinished hold counts up to `end`. */
export function heldMs(holds: ClockFacts['holds'], start: Date, end: Date): number {
  let sum = 0;
  for (const h of holds) {
    const from = Math.max(h.from.getTime(), start.getTime());
    const to = Math.min((h.to ?? end).getTime(), end.getTime());
    if (to > from) sum += to - from;
  }
  return sum;
}

/**
 * The clocks of one ticket at instant `at` (docs/sla.md): respond = report → technician accepts;
 * on site = accepted → checked in (the minutes of the policy, else the agreed visit time); resolve =
 * report → work done; return visit = verified → return visit recorded. Hold time extends every clock.
 */
export function slaClocks(t: ClockFacts, limits: SlaLimits, at: Date): SlaClockState[] {
  const specs: { kind: SlaDeadlineKind; start: Date | null; durationMs: number | null; metAt: Date | null }[] = [
    { kind: 'respond', start: t.createdAt, durationMs: minutes(limits.respondMinutes), metAt: t.acceptedAt },
    {
      kind: 'on_site',
      start: t.acceptedAt,
      metAt: t.onSiteAt,
      durationMs:
        minutes(limits.onSiteMinutes) ??
        (t.visitAt && t.acceptedAt ? Math.max(MIN, t.visitAt.getTime() - t.acceptedAt.getTime()) : null),
    },
    { kind: 'resolve', start: t.createdAt, durationMs: minutes(limits.resolveMinutes), metAt: t.doneAt },
    { kind: 'return_visit', start: t.verifiedAt, durationMs: minutes(limits.returnVisitMinutes), metAt: t.visitedAt },
  ];
  const clocks: SlaClockState[] = [];
  for (const s of specs) {
    if (!s.start || s.durationMs === null) continue;
    const end = s.metAt ?? at;
    const held = heldMs(t.holds, s.start, end);
    const activeMs = Math.max(0, end.getTime() - s.start.getTime() - held);
    const paused = !s.metAt && t.holds.some((h) => h.to === null);
    clocks.push({
      kind: s.kind,
      start: s.start,
      durationMs: s.durationMs,
      metAt: s.metAt,
      activeMs,
      paused,
      dueAt: new Date(s.start.getTime() + s.durationMs + held),
    });
  }
  return clocks;
}

/** The alert stages a running clock has reached: 'warn' at 75 %, then 'breach_n' at n × the limit. */
export function reachedStages(clock: SlaClockState): string[] {
  if (clock.metAt) return [];
  const stages: string[] = [];
  if (clock.activeMs >= WARN_AT * clock.durationMs) stages.push('warn');
  for (let n = 1; n <= BREACH_LEVELS; n++) if (clock.activeMs >= n * clock.durationMs) stages.push(`breach_${n}`);
  return stages;
}

export function deadlineView(clock: SlaClockState, at: Date): ITicketSlaDeadline {
  return {
    kind: clock.kind,
    dueAt: clock.dueAt.toISOString(),
    metAt: clock.metAt?.toISOString() ?? null,
    paused: clock.paused,
    breached: (clock.metAt ?? at).getTime() > clock.dueAt.getTime(),
  };
}

function minutes(value: number | null): number | null {
  return value === null ? null : value * MIN;
}
