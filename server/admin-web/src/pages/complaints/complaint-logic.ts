import { Permission, roleCan, type IComplaint, type Role } from '@app/shared';

export type ComplaintStaffAction = 'assign' | 'contact' | 'note' | 'resolve' | 'confirm';

export const ACTION_LABELS: Record<ComplaintStaffAction, string> = {
  assign: '指派调查人',
  contact: '记录联系',
  note: '添加调查记录',
  resolve: '处理结果',
  confirm: '代业主确认',
};

/**
 * What the signed-in staff member may do now (the server decides again): handlers (complaint.handle) all of
 * it; the assigned investigator contact, notes and the resolution on their own complaint.
 */
export function staffActions(c: IComplaint, roles: readonly Role[], userId: number): ComplaintStaffAction[] {
  const handler = roleCan(roles, Permission.ComplaintHandle);
  const worker = handler || c.investigatorId === userId;
  const out: ComplaintStaffAction[] = [];
  if (handler && ['open', 'contacted', 'disputed'].includes(c.status)) out.push('assign');
  if (worker && c.status === 'open') out.push('contact');
  if (worker && c.status !== 'closed') out.push('note');
  if (worker && (c.status === 'contacted' || c.status === 'disputed')) out.push('resolve');
  if (handler && c.status === 'resolved') out.push('confirm');
  return out;
}

export type Tone = 'blue' | 'orange' | 'red' | 'default';

function span(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} 小时 ${minutes % 60} 分` : `${hours} 小时`;
  return `${Math.floor(hours / 24)} 天 ${hours % 24} 小时`;
}

/** One deadline as a countdown tag: blue with time left, orange in the last quarter hour… red when late. */
export function countdown(
  label: string,
  dueAt: string,
  metAt: string | null,
  at: Date,
  breached = false,
): { tone: Tone; text: string } {
  const due = new Date(dueAt).getTime();
  if (metAt)
    return {
      tone: 'default',
      text: `${label}：${new Date(metAt).getTime() > due || breached ? '已超时完成' : '按时完成'}`,
    };
  const left = due - at.getTime();
  if (left <= 0) return { tone: 'red', text: `${label}：已超时 ${span(-left)}` };
  return { tone: left <= 30 * 60_000 ? 'orange' : 'blue', text: `${label}：剩余 ${span(left)}` };
}

/** The deadlines a complaint still has (or met): contact until contacted, resolution until resolved. */
export function complaintDeadlines(c: IComplaint, at: Date): { key: string; tone: Tone; text: string }[] {
  if (c.status === 'closed') return [];
  return [
    {
      key: 'contact',
      ...countdown('联系', c.contactDueAt, c.contactedAt, at, c.contactOverdue && c.contactedAt !== null),
    },
    { key: 'resolve', ...countdown('处理', c.resolveDueAt, c.resolvedAt, at) },
  ];
}

export const STATUS_COLORS: Record<IComplaint['status'], string> = {
  open: 'blue',
  contacted: 'processing',
  resolved: 'orange',
  disputed: 'red',
  closed: 'default',
};
