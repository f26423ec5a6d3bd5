import {
  PAID_LABELS,
  TicketAction,
  buildQuote,
  ticketTypeLabel,
  urgencyLabel,
  type IFeeItem,
  type IMaterialPrice,
  type IQuote,
  type ITicket,
  type ITicketQuoteRequest,
} from '@app/shared';

/**
 * How a technician's button works: `direct` posts at once, the others open a form first
 * (visit time, check-in photos, quote, completion, a reason) or hand the phone to the resident (`sign`).
 */
export type JobActionKind = 'direct' | 'visit' | 'checkin' | 'quote' | 'complete' | 'reason' | 'sign';

export interface IJobAction {
  action: TicketAction;
  label: string;
  kind: JobActionKind;
  primary: boolean;
}

const JOB_ACTIONS: readonly IJobAction[] = [
  // Grab and accept are one confirmed step: the pool job is taken with its visit time (two calls, one form).
  { action: TicketAction.Grab, label: '抢单并约定上门时间', kind: 'visit', primary: true },
  { action: TicketAction.Accept, label: '接单并约定上门时间', kind: 'visit', primary: true },
  { action: TicketAction.CheckIn, label: '到场签到', kind: 'checkin', primary: true },
  { action: TicketAction.Quote, label: '报价', kind: 'quote', primary: true },
  { action: TicketAction.Start, label: '开始施工', kind: 'direct', primary: true },
  { action: TicketAction.AgreeQuote, label: '请业主签字确认报价', kind: 'sign', primary: true },
  { action: TicketAction.Complete, label: '完工', kind: 'complete', primary: true },
  { action: TicketAction.Verify, label: '请业主签字验收', kind: 'sign', primary: true },
  { action: TicketAction.Requote, label: '重新报价', kind: 'quote', primary: false },
  { action: TicketAction.DeclineQuote, label: '业主拒绝报价', kind: 'reason', primary: false },
  { action: TicketAction.Decline, label: '退单', kind: 'reason', primary: false },
];

/** Buttons come only from `ticket.actions`; a held ticket is frozen. Only the first one is the primary button. */
export function technicianActions(ticket: Pick<ITicket, 'actions' | 'onHold'>): IJobAction[] {
  if (ticket.onHold) return [];
  const allowed = new Set(ticket.actions);
  let primaryTaken = false;
  return JOB_ACTIONS.filter((a) => allowed.has(a.action)).map((a) => {
    const primary = a.primary && !primaryTaken;
    if (primary) primaryTaken = true;
    return { ...a, primary };
  });
}

/** Chosen schedule items or materials: code → quantity in thousandths (1 个 = 1000). */
export type QuoteSelection = Record<string, number>;

const picked =
  (selection: QuoteSelection) =>
  <T extends { code: string }>(list: readonly T[]) =>
    list.filter((x) => (selection[x.code] ?? 0) > 0);

/** The quote the resident will see, priced the way the server prices it (shared `buildQuote`), materials included. */
export function previewQuote(
  items: readonly IFeeItem[],
  selection: QuoteSelection,
  materials: readonly IMaterialPrice[] = [],
  materialSelection: QuoteSelection = {},
): IQuote {
  const chosen = picked(selection)(items).map((item) => ({
    code: item.code,
    name: item.name,
    unit: item.unit,
    unitPriceFen: item.labourPriceFen,
    quantityMilli: selection[item.code],
    callOutFeeFen: item.callOutFeeFen,
  }));
  const chosenMaterials = picked(materialSelection)(materials).map((m) => ({
    code: m.code,
    name: materialLabel(m),
    unit: m.unit,
    unitPriceFen: m.priceFen,
    quantityMilli: materialSelection[m.code],
  }));
  return buildQuote(chosen, chosenMaterials);
}

/** The server names a material line "name（spec）"; the preview must read the same. */
export function materialLabel(m: Pick<IMaterialPrice, 'name' | 'spec'>): string {
  return m.spec ? `${m.name}（${m.spec}）` : m.name;
}

const toLines = (selection: QuoteSelection) =>
  Object.entries(selection)
    .filter(([, q]) => q > 0)
    .map(([code, quantityMilli]) => ({ code, quantityMilli }));

export function toQuoteRequest(selection: QuoteSelection, materialSelection: QuoteSelection = {}): ITicketQuoteRequest {
  const materials = toLines(materialSelection);
  return materials.length > 0 ? { items: toLines(selection), materials } : { items: toLines(selection) };
}

/** Visit time from the pickers ("2026-11-23", "14:30") in the phone's time zone; null when not in the future. */
export function visitAtIso(date: string, time: string, now = new Date()): string | null {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  if (![y, m, d, hh, mm].every(Number.isFinite)) return null;
  const at = new Date(y, m - 1, d, hh, mm);
  return at.getTime() > now.getTime() ? at.toISOString() : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const dateStr = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * What the accept dialog starts with: the start of the visit window the resident picked when it is still ahead,
 * else 14:00 today, or tomorrow once today's 14:00 has passed (a default the server would refuse helps no one).
 */
export function defaultVisit(
  ticket: Pick<ITicket, 'preferredStart'>,
  now = new Date(),
): { date: string; time: string } {
  const preferred = ticket.preferredStart ? new Date(ticket.preferredStart) : null;
  if (preferred && Number.isFinite(preferred.getTime()) && preferred.getTime() > now.getTime()) {
    return { date: dateStr(preferred), time: `${pad(preferred.getHours())}:${pad(preferred.getMinutes())}` };
  }
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 14, 0);
  if (day.getTime() <= now.getTime()) day.setDate(day.getDate() + 1);
  return { date: dateStr(day), time: '14:00' };
}

/**
 * The job's type line in the shared wording: "报修（户内） · 收费 · 一般", "特约服务 · 收费 · 一般",
 * "报修（公共区域） · 免费 · 紧急". Paid or free comes from the ticket, not guessed from the scope.
 */
export function jobTypeLine(ticket: Pick<ITicket, 'kind' | 'scope' | 'paid' | 'urgency'>): string {
  return [
    ticketTypeLabel(ticket.kind, ticket.scope),
    ticket.paid ? PAID_LABELS.paid : PAID_LABELS.free,
    urgencyLabel(ticket.urgency),
  ].join(' · ');
}
