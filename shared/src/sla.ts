import type { ITicketSlaDeadline, SlaDeadlineKind } from './contracts/sla';

export const SLA_DEADLINE_LABELS: Record<SlaDeadlineKind, string> = {
  respond: '响应',
  on_site: '到场',
  resolve: '完成',
  return_visit: '回访',
};

/** 'late' past the deadline, 'soon' within 30 minutes of it, 'done' once met, 'paused' while the ticket is on hold. */
export type SlaTone = 'ok' | 'soon' | 'late' | 'done' | 'paused';

export interface SlaCountdown {
  kind: SlaDeadlineKind;
  text: string;
  tone: SlaTone;
}

const SOON_MS = 30 * 60_000;

function span(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return rest ? `${hours} 小时 ${rest} 分` : `${hours} 小时`;
  return `${Math.floor(hours / 24)} 天 ${hours % 24} 小时`;
}

/** The countdown line both clients show for one deadline of the ticket view (`ITicket.sla`). */
export function slaCountdown(deadline: ITicketSlaDeadline, at: Date = new Date()): SlaCountdown {
  const label = SLA_DEADLINE_LABELS[deadline.kind];
  const kind = deadline.kind;
  if (deadline.metAt) return { kind, tone: 'done', text: `${label}：${deadline.breached ? '已超时完成' : '按时完成'}` };
  const left = new Date(deadline.dueAt).getTime() - at.getTime();
  if (deadline.paused)
    return { kind, tone: 'paused', text: `${label}：挂起中，计时暂停（剩余 ${left > 0 ? span(left) : '0 分钟'}）` };
  if (left <= 0) return { kind, tone: 'late', text: `${label}：已超时 ${span(-left)}` };
  return { kind, tone: left <= SOON_MS ? 'soon' : 'ok', text: `${label}：剩余 ${span(left)}` };
}

/** The breach list of the 时效报表 stops here; the counts cover every breach. */
export const SLA_BREACH_LIST_LIMIT = 500;

/** A report period spans at most this many months. */
export const SLA_REPORT_MAX_MONTHS = 12;

/** "45 分钟", "2 小时", "1 天 3 小时" for a limit or a duration in whole minutes (policies and reports). */
export function minutesText(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes} 分钟`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days ? `${days} 天` : '', hours ? `${hours} 小时` : '', rest ? `${rest} 分钟` : ''].filter(Boolean);
  return parts.join(' ');
}

/** "95.0%" from basis points; "—" when there is nothing to rate. */
export function rateBpText(bp: number | null): string {
  return bp === null ? '—' : `${(bp / 100).toFixed(1)}%`;
}
