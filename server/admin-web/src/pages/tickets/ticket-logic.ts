import {
  ErrorCode,
  LIMITS,
  Permission,
  roleCan,
  RATING_LABELS,
  TERMINAL_STATUSES,
  TICKET_ACTION_LABELS,
  TICKET_STATUS_LABELS,
  ticketActionSegment,
  type ITicket,
  type Role,
  type ITechnicianWorkload,
  type RatingDimension,
  type TicketAction,
  type TicketActionSegment,
  type TicketStatus,
} from '@app/shared';
import { isApiError } from '../../api/api-error';
import { parseYuanInput } from '../../lib/money-input';
import { techFits, type SkillRule } from './categories';

export { categoryLabel } from './categories';

/** The list's tabs: several lifecycle statuses share one tab, as the service desk thinks of them. */
export const STATUS_GROUPS = [
  { key: 'submitted', label: '待受理', statuses: ['submitted'] },
  {
    key: 'working',
    label: '处理中',
    statuses: ['registered', 'dispatched', 'accepted', 'on_site', 'quoted', 'in_progress'],
  },
  { key: 'done', label: '待验收', statuses: ['done'] },
  // Verified awaits the return visit, visited awaits closing: both are the customer manager's follow-up.
  { key: 'follow-up', label: '待回访', statuses: ['verified', 'visited'] },
  { key: 'closed', label: '已完结', statuses: ['closed'] },
  { key: 'cancelled', label: '已取消', statuses: ['cancelled'] },
  { key: 'all', label: '全部', statuses: [] },
] as const satisfies readonly { key: string; label: string; statuses: readonly TicketStatus[] }[];

export type StatusGroupKey = (typeof STATUS_GROUPS)[number]['key'];

export function statusGroupOf(status: TicketStatus): StatusGroupKey {
  const group = STATUS_GROUPS.find((g) => g.key !== 'all' && (g.statuses as readonly TicketStatus[]).includes(status));
  return group?.key ?? 'all';
}

export function statusesOf(key: StatusGroupKey): readonly TicketStatus[] {
  return STATUS_GROUPS.find((g) => g.key === key)?.statuses ?? [];
}

/** Newest first, after merging the per-status pages of a multi-status tab. */
export function mergeNewestFirst(lists: readonly ITicket[][]): ITicket[] {
  return lists.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
}

export const STATUS_COLORS: Record<TicketStatus, string> = {
  submitted: 'orange',
  registered: 'gold',
  dispatched: 'blue',
  accepted: 'blue',
  on_site: 'cyan',
  quoted: 'purple',
  in_progress: 'geekblue',
  done: 'lime',
  verified: 'green',
  visited: 'green',
  closed: 'default',
  cancelled: 'default',
};

/** Staff-only actions that are not lifecycle transitions, so the server does not list them in `actions`. */
export type ExtraAction = 'hold' | 'resume' | 'damage';
export type ConsoleAction = TicketAction | ExtraAction;

export const EXTRA_ACTION_LABELS: Record<ExtraAction, string> = { hold: '挂起', resume: '恢复', damage: '损坏赔偿' };

/** What the console's staff can act on: the lifecycle transitions are exactly the server's `actions`. */
// verify: the server offers it to the customer manager on public-area repairs only (common areas have no resident to sign).
const CONSOLE_TRANSITIONS: readonly TicketAction[] = [
  'register',
  'dispatch',
  'transfer',
  'reply',
  'verify',
  'return_visit',
  'close',
  'request_rework',
  'cancel',
];

export function consoleActions(ticket: ITicket, roles: readonly Role[]): ConsoleAction[] {
  const out: ConsoleAction[] = ticket.actions.filter((a) => CONSOLE_TRANSITIONS.includes(a));
  const terminal = TERMINAL_STATUSES.includes(ticket.status);
  if (!terminal && roleCan(roles, Permission.TicketHandle)) out.push(ticket.onHold ? 'resume' : 'hold');
  if (ticket.status !== 'cancelled' && roleCan(roles, Permission.TicketEscalation)) out.push('damage');
  return out;
}

export function actionLabel(action: ConsoleAction): string {
  // "取消" alone reads like a dialog's dismiss button next to the modal's own 取消.
  if (action === 'cancel') return '取消工单';
  return action in EXTRA_ACTION_LABELS
    ? EXTRA_ACTION_LABELS[action as ExtraAction]
    : TICKET_ACTION_LABELS[action as TicketAction];
}

/** The URL segment of each action (POST /api/tickets/:id/<segment>), from the shared action table. */
export function actionPath(action: ConsoleAction): TicketActionSegment {
  return ticketActionSegment(action);
}

/** Actions that need no input: they run after a plain confirmation. */
export const needsForm = (action: ConsoleAction): boolean => action !== 'close' && action !== 'resume';

export interface ActionFormValues {
  category?: string;
  urgency?: 'normal' | 'emergency';
  priceExplained?: boolean;
  technicianId?: number;
  /** The chosen technician lacks the category's skill and the dispatcher means it (recorded with the reason). */
  override?: boolean;
  overrideReason?: string;
  reason?: string;
  reply?: string;
  result?: string;
  satisfied?: boolean;
  description?: string;
  compensationYuan?: string;
  /** Public-area acceptance: ratings (no default) and, when a building representative signs, their name and relation. */
  overall?: number;
  punctuality?: number;
  attitude?: number;
  comment?: string;
  representativeName?: string;
  representativeRelation?: string;
}

export type BuiltBody = { ok: true; body: object } | { ok: false; field: keyof ActionFormValues; message: string };

/** Form values → the request body for one action; the checks the server would refuse are made here first. */
export function buildActionBody(action: ConsoleAction, ticket: ITicket, v: ActionFormValues): BuiltBody {
  const text = (s: string | undefined) => (s ?? '').trim();
  switch (action) {
    case 'register': {
      if (ticket.paid && !v.priceExplained)
        return { ok: false, field: 'priceExplained', message: '收费工单须先向业主说明收费标准' };
      const body: Record<string, unknown> = {};
      if (v.category && v.category !== ticket.category) body.category = v.category;
      if (v.urgency && v.urgency !== ticket.urgency) body.urgency = v.urgency;
      if (ticket.paid) body.priceExplained = true;
      return { ok: true, body };
    }
    case 'dispatch':
    case 'transfer': {
      if (!v.technicianId) return { ok: false, field: 'technicianId', message: '请选择维修师傅' };
      if (action === 'transfer' && !text(v.reason)) return { ok: false, field: 'reason', message: '请填写转单原因' };
      const body: Record<string, unknown> = { technicianId: v.technicianId };
      if (action === 'transfer') body.reason = text(v.reason);
      if (v.override) {
        if (!text(v.overrideReason)) return { ok: false, field: 'overrideReason', message: '请填写破例派单的原因' };
        body.override = true;
        body.overrideReason = text(v.overrideReason);
      }
      return { ok: true, body };
    }
    case 'hold':
    case 'cancel':
    case 'request_rework':
      return text(v.reason)
        ? { ok: true, body: { reason: text(v.reason) } }
        : { ok: false, field: 'reason', message: '请填写原因' };
    case 'reply':
      return text(v.reply)
        ? { ok: true, body: { reply: text(v.reply) } }
        : { ok: false, field: 'reply', message: '请填写答复内容' };
    case 'return_visit':
      if (!text(v.result)) return { ok: false, field: 'result', message: '请填写回访结果' };
      if (v.satisfied === undefined) return { ok: false, field: 'satisfied', message: '请选择满意或不满意' };
      return { ok: true, body: { result: text(v.result), satisfied: v.satisfied } };
    case 'verify': {
      for (const [field, label] of Object.entries(RATING_LABELS) as [RatingDimension, string][]) {
        const n = v[field];
        if (!n || n < 1 || n > 5) return { ok: false, field, message: `请为「${label}」打分（1–5 星）` };
      }
      const name = text(v.representativeName);
      const relation = text(v.representativeRelation);
      if (name && !relation)
        return { ok: false, field: 'representativeRelation', message: '请填写楼栋代表与本楼的关系（如楼长）' };
      if (relation && !name) return { ok: false, field: 'representativeName', message: '请填写楼栋代表的姓名' };
      const body: Record<string, unknown> = { overall: v.overall, punctuality: v.punctuality, attitude: v.attitude };
      if (text(v.comment)) body.comment = text(v.comment);
      if (name) Object.assign(body, { signerName: name, representativeRelation: relation });
      return { ok: true, body };
    }
    case 'damage': {
      if (!text(v.description)) return { ok: false, field: 'description', message: '请填写损坏情况' };
      const money = parseYuanInput(v.compensationYuan, false, LIMITS.compensationFen);
      if (!money.ok) return { ok: false, field: 'compensationYuan', message: money.message };
      return { ok: true, body: { description: text(v.description), compensationFen: money.fen ?? 0 } };
    }
    default:
      return { ok: true, body: {} };
  }
}

/** 409 STATE_CONFLICT carries the ticket's current state; say what it is now so the person knows why. */
export function conflictMessage(error: unknown): string | null {
  if (!isApiError(error, ErrorCode.StateConflict)) return null;
  const current = (error.details as { current?: { status?: TicketStatus; onHold?: boolean } } | undefined)?.current;
  if (!current?.status) return '工单状态已变化，已为您刷新';
  const label = TICKET_STATUS_LABELS[current.status] ?? current.status;
  return `工单状态已变化：当前为「${label}${current.onHold ? '（挂起中）' : ''}」，已为您刷新`;
}

/**
 * Technicians for a job: on duty and qualified for the category first (the company's rule, as the server
 * applies it), then with room under their open-job cap, then the least busy.
 */
export function rankTechnicians<T extends TechnicianLike>(
  techs: readonly T[],
  rule: SkillRule | undefined,
  loads: readonly ITechnicianWorkload[] = [],
): (T & { fits: boolean; load: TechnicianLoad | null })[] {
  return techs
    .map((t) => ({ ...t, fits: techFits(rule, t.skills), load: loadOf(t, loads) }))
    .sort(
      (a, b) =>
        Number(b.onDuty) - Number(a.onDuty) ||
        Number(b.fits) - Number(a.fits) ||
        Number(a.load?.full ?? false) - Number(b.load?.full ?? false) ||
        (a.load?.openJobs ?? 0) - (b.load?.openJobs ?? 0) ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
}

interface TechnicianLike {
  userId?: number;
  onDuty: boolean;
  skills: string[];
  name: string;
  maxOpenJobs?: number;
}

export interface TechnicianLoad {
  openJobs: number;
  visitsToday: number;
  /** At the open-job cap: the server refuses another dispatch. */
  full: boolean;
  text: string;
}

/** "在办 3 单 · 今日预约 1" from the workload list (null while it loads or when it failed: the choice still works). */
function loadOf(t: TechnicianLike, loads: readonly ITechnicianWorkload[]): TechnicianLoad | null {
  const w = loads.find((l) => l.technicianId === t.userId);
  if (!w) return null;
  const full = t.maxOpenJobs !== undefined && w.openJobs >= t.maxOpenJobs;
  return {
    openJobs: w.openJobs,
    visitsToday: w.visitsToday,
    full,
    text: `在办 ${w.openJobs} 单${full ? '（已满）' : ''} · 今日预约 ${w.visitsToday}`,
  };
}
