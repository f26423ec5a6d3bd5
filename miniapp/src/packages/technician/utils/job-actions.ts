import { TicketAction, buildQuote, type IFeeItem, type IQuote, type ITicket, type ITicketQuoteRequest } from '@app/shared'

/**
 * How a technician's button works: `direct` posts at once, the others open a form first
 * (visit time, quote, completion, a reason) or hand the phone to the resident (`sign`).
 */
export type JobActionKind = 'direct' | 'visit' | 'quote' | 'complete' | 'reason' | 'sign'

export interface IJobAction {
  action: TicketAction
  label: string
  kind: JobActionKind
  primary: boolean
}

const JOB_ACTIONS: readonly IJobAction[] = [
  { action: TicketAction.Grab, label: '抢单', kind: 'direct', primary: true },
  { action: TicketAction.Accept, label: '接单并约定上门时间', kind: 'visit', primary: true },
  { action: TicketAction.CheckIn, label: '到场签到', kind: 'direct', primary: true },
  { action: TicketAction.Quote, label: '报价', kind: 'quote', primary: true },
  { action: TicketAction.Start, label: '开始施工', kind: 'direct', primary: true },
  { action: TicketAction.AgreeQuote, label: '请业主签字确认报价', kind: 'sign', primary: true },
  { action: TicketAction.Complete, label: '完工', kind: 'complete', primary: true },
  { action: TicketAction.Verify, label: '请业主签字验收', kind: 'sign', primary: true },
  { action: TicketAction.Requote, label: '重新报价', kind: 'quote', primary: false },
  { action: TicketAction.DeclineQuote, label: '业主拒绝报价', kind: 'reason', primary: false },
  { action: TicketAction.Decline, label: '退单', kind: 'reason', primary: false },
]

/** Buttons come only from `ticket.actions`; a held ticket is frozen. Only the first one is the primary button. */
export function technicianActions(ticket: Pick<ITicket, 'actions' | 'onHold'>): IJobAction[] {
  if (ticket.onHold) return []
  const allowed = new Set(ticket.actions)
  let primaryTaken = false
  return JOB_ACTIONS.filter((a) => allowed.has(a.action)).map((a) => {
    const primary = a.primary && !primaryTaken
    if (primary) primaryTaken = true
    return { ...a, primary }
  })
}

/** Chosen schedule items: code → quantity in thousandths (1 个 = 1000). */
export type QuoteSelection = Record<string, number>

/** The quote the resident will see, priced the way the server prices it (shared `buildQuote`). */
export function previewQuote(items: readonly IFeeItem[], selection: QuoteSelection): IQuote {
  const chosen = items
    .filter((item) => (selection[item.code] ?? 0) > 0)
    .map((item) => ({
      code: item.code,
      name: item.name,
      unit: item.unit,
      unitPriceFen: item.labourPriceFen,
      quantityMilli: selection[item.code],
      callOutFeeFen: item.callOutFeeFen,
    }))
  return buildQuote(chosen)
}

export function toQuoteRequest(selection: QuoteSelection): ITicketQuoteRequest {
  return {
    items: Object.entries(selection)
      .filter(([, q]) => q > 0)
      .map(([code, quantityMilli]) => ({ code, quantityMilli })),
  }
}

/** Visit time from the pickers ("2026-11-23", "14:30") in the phone's time zone; null when not in the future. */
export function visitAtIso(date: string, time: string, now = new Date()): string | null {
  const [y, m, d] = date.split('-').map(Number)
  const [hh, mm] = time.split(':').map(Number)
  if (![y, m, d, hh, mm].every(Number.isFinite)) return null
  const at = new Date(y, m - 1, d, hh, mm)
  return at.getTime() > now.getTime() ? at.toISOString() : null
}

/**
 * The accept dialog's first suggestion: the start of the resident's preferred window when it is still ahead,
 * otherwise today at 14:00 (the technician adjusts either). Pickers work in the phone's time zone.
 */
export function defaultVisit(preferredStart: string | null, now = new Date()): { date: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  const at = preferredStart ? new Date(preferredStart) : null
  if (at && !Number.isNaN(at.getTime()) && at.getTime() > now.getTime()) return { date: day(at), time: `${pad(at.getHours())}:${pad(at.getMinutes())}` }
  return { date: day(now), time: '14:00' }
}
