import { RATING_LABELS as GLOSSARY_RATING_LABELS, TICKET_ACTION_LABELS, TicketAction, type ITicket } from '@app/shared';

/** What a resident's button does: sign on the signature page, or give a reason in the inline form. */
export type ResidentActionKind = 'sign' | 'reason';

export interface IResidentAction {
  action: TicketAction;
  label: string;
  kind: ResidentActionKind;
  /** The primary (blue) button; the others are plain, destructive ones red. */
  primary: boolean;
  danger: boolean;
}

/** The resident's actions in the order shown; anything else in `ticket.actions` is not the resident's to take here. */
const RESIDENT_ACTIONS: readonly Omit<IResidentAction, 'label'>[] = [
  { action: TicketAction.AgreeQuote, kind: 'sign', primary: true, danger: false },
  { action: TicketAction.Verify, kind: 'sign', primary: true, danger: false },
  { action: TicketAction.RequestRework, kind: 'reason', primary: false, danger: false },
  { action: TicketAction.DeclineQuote, kind: 'reason', primary: false, danger: true },
  { action: TicketAction.Cancel, kind: 'reason', primary: false, danger: true },
];

const LABELS: Partial<Record<TicketAction, string>> = {
  agree_quote: '同意报价并签字',
  verify: '验收并评价',
  request_rework: '申请返修',
  decline_quote: '拒绝报价',
  cancel: '取消报修',
};

/** Buttons come only from `ticket.actions` (the server decides who may do what now); held tickets show none. */
export function residentActions(ticket: Pick<ITicket, 'actions' | 'onHold'>): IResidentAction[] {
  if (ticket.onHold) return [];
  const allowed = new Set(ticket.actions);
  return RESIDENT_ACTIONS.filter((a) => allowed.has(a.action)).map((a) => ({
    ...a,
    label: LABELS[a.action] ?? TICKET_ACTION_LABELS[a.action],
  }));
}

/**
 * What the ticket waits on the resident for, as the list and the home card say it (null: nothing). Mirrors the
 * server's 待我处理 filter: a quote to sign, an acceptance to sign and rate, a charge to confirm.
 */
export function residentTodo(ticket: Pick<ITicket, 'actions' | 'onHold' | 'chargeConfirmation'>): string | null {
  if (ticket.onHold) return null;
  if (ticket.actions.includes(TicketAction.AgreeQuote)) return '报价待您确认签字';
  if (ticket.actions.includes(TicketAction.Verify)) return '完工待您验收评价';
  if (ticket.chargeConfirmation === 'unconfirmed') return '费用待您确认';
  return null;
}

/** Prompts for the reason form of each reason-taking action. */
export const REASON_PROMPTS: Partial<Record<TicketAction, { title: string; placeholder: string; confirm: string }>> = {
  cancel: { title: '取消报修', placeholder: '请填写取消原因，如：问题已自行解决', confirm: '确认取消' },
  decline_quote: { title: '拒绝报价', placeholder: '请填写拒绝原因，如：价格超出预期', confirm: '确认拒绝' },
  request_rework: { title: '申请返修', placeholder: '请描述仍存在的问题', confirm: '提交返修' },
};

export const REASON_MAX = 200;

export function validateReason(reason: string): string | null {
  const text = reason.trim();
  if (text === '') return '请填写原因';
  if (text.length > REASON_MAX) return `原因不能超过 ${REASON_MAX} 字`;
  return null;
}

export interface IRatings {
  overall: number;
  punctuality: number;
  attitude: number;
}

export const RATING_LABELS: Record<keyof IRatings, string> = GLOSSARY_RATING_LABELS;

export function validateRatings(r: Partial<IRatings>): string | null {
  for (const key of Object.keys(RATING_LABELS) as (keyof IRatings)[]) {
    const v = r[key];
    if (!v || v < 1 || v > 5 || !Number.isInteger(v)) return `请为「${RATING_LABELS[key]}」打分（1–5 星）`;
  }
  return null;
}

/** Friendly wording of timeline events for residents. */
const EVENT_TEXT: Record<string, string> = {
  submit: '提交报修',
  merge_in: '合并了同一问题的其他报修',
  register: '物业已受理',
  dispatch: '已派单给师傅',
  grab: '师傅已接单',
  accept: '师傅确认上门时间',
  check_in: '师傅已到场',
  quote: '师傅已报价',
  requote: '师傅重新报价',
  agree_quote: '已同意报价并签字',
  decline_quote: '已拒绝报价',
  start: '开始施工',
  complete: '师傅已完工',
  verify: '已验收',
  request_rework: '申请返修',
  return_visit: '物业已回访',
  close: '工单已完结',
  reply: '物业已答复',
  cancel: '已取消',
  decline: '师傅退单，重新派单中',
};

/** The first event says what was submitted: a suggestion is not a 报修. */
const SUBMIT_TEXT: Record<string, string> = {
  repair: '提交报修',
  service: '提交预约',
  suggestion: '提交建议',
  consultation: '提交咨询',
};

export function eventText(action: string, kind?: string): string {
  if (action === 'submit' && kind && SUBMIT_TEXT[kind]) return SUBMIT_TEXT[kind];
  return EVENT_TEXT[action] ?? TICKET_ACTION_LABELS[action as TicketAction] ?? action;
}
