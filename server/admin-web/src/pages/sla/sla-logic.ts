import { minutesText, type ISlaPolicy, type ISlaReport, type SlaDeadlineKind } from '@app/shared';

export type LimitField = 'respondMinutes' | 'onSiteMinutes' | 'resolveMinutes' | 'returnVisitMinutes';

export const LIMIT_FIELDS: readonly { field: LimitField; label: string; kind: SlaDeadlineKind }[] = [
  { field: 'respondMinutes', label: '响应时限', kind: 'respond' },
  { field: 'onSiteMinutes', label: '到场时限', kind: 'on_site' },
  { field: 'resolveMinutes', label: '完成时限', kind: 'resolve' },
  { field: 'returnVisitMinutes', label: '回访时限', kind: 'return_visit' },
];

/** The server's bounds (sla.controller.ts): whole minutes, 1 minute to 30 days. */
export const MAX_LIMIT_MINUTES = 43_200;

export type LimitUnit = 'minute' | 'hour' | 'day';
export const UNIT_MINUTES: Record<LimitUnit, number> = { minute: 1, hour: 60, day: 1440 };
export const UNIT_LABELS: Record<LimitUnit, string> = { minute: '分钟', hour: '小时', day: '天' };

/** What an empty limit means: a normal job is on site at the agreed visit time; other clocks simply do not run. */
export function limitText(field: LimitField, minutes: number | null): string {
  if (minutes !== null) return minutesText(minutes);
  return field === 'onSiteMinutes' ? '按约定上门时间' : '不考核';
}

/** A stored limit as the editor shows it: the largest unit that divides it exactly (90 → 90 分钟, 120 → 2 小时). */
export function splitMinutes(minutes: number): { value: number; unit: LimitUnit } {
  if (minutes % 1440 === 0) return { value: minutes / 1440, unit: 'day' };
  if (minutes % 60 === 0) return { value: minutes / 60, unit: 'hour' };
  return { value: minutes, unit: 'minute' };
}

/** The editor's value and unit as whole minutes, or the reason it cannot be saved (in the words of the form). */
export function toMinutes(
  label: string,
  value: number | null | undefined,
  unit: LimitUnit,
): { ok: true; minutes: number } | { ok: false; message: string } {
  if (value === null || value === undefined || Number.isNaN(value))
    return { ok: false, message: `请填写${label}，或选择不考核` };
  const minutes = value * UNIT_MINUTES[unit];
  if (!Number.isInteger(minutes)) return { ok: false, message: `${label}须为整分钟` };
  if (minutes < 1) return { ok: false, message: `${label}至少 1 分钟` };
  if (minutes > MAX_LIMIT_MINUTES) return { ok: false, message: `${label}最多 30 天` };
  return { ok: true, minutes };
}

/** The project's default ('*') rows first, then categories by code; emergency before normal. */
export function sortPolicies(policies: readonly ISlaPolicy[]): ISlaPolicy[] {
  const rank = (p: ISlaPolicy) => (p.category === '*' ? '' : p.category);
  return [...policies].sort(
    (a, b) => rank(a).localeCompare(rank(b)) || (a.urgency === b.urgency ? 0 : a.urgency === 'emergency' ? -1 : 1),
  );
}

/** "12 分钟" / "不足 1 分钟" / "—" (nothing to average) for the report's averages. */
export function averageText(minutes: number | null): string {
  if (minutes === null) return '—';
  return minutes < 1 ? '不足 1 分钟' : minutesText(minutes);
}

/** "超时 1 小时 20 分钟", "超时不足 1 分钟". */
export function lateText(minutes: number): string {
  return minutes < 1 ? '超时不足 1 分钟' : `超时 ${minutesText(minutes)}`;
}

export function totalBreaches(breaches: Record<SlaDeadlineKind, number>): number {
  return breaches.respond + breaches.on_site + breaches.resolve + breaches.return_visit;
}

/** "2026年11月" or "2026年10月 – 2026年11月". */
export function periodRangeText(from: string, to: string): string {
  const label = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;
  return from === to ? label(from) : `${label(from)} – ${label(to)}`;
}

/** The months a report may span, as the server checks them: `to` not before `from`, at most 12 months. */
export function rangeProblem(from: string, to: string): string | null {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  const span = index(to) - index(from);
  if (span < 0) return '结束月份不能早于起始月份';
  if (span >= 12) return '报表期间最多 12 个月';
  return null;
}

export const isEmptyReport = (report: ISlaReport): boolean => report.summary.tickets === 0;
