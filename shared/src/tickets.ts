import { assertUnreachable } from './assert';

/** docs/domain.md §2 lifecycle. On hold is a flag, not a status: the ticket keeps its place and the SLA clock pauses. */
export const TicketStatus = {
  Submitted: 'submitted',
  Registered: 'registered',
  Dispatched: 'dispatched',
  Accepted: 'accepted',
  OnSite: 'on_site',
  Quoted: 'quoted',
  InProgress: 'in_progress',
  Done: 'done',
  Verified: 'verified',
  Visited: 'visited',
  Closed: 'closed',
  Cancelled: 'cancelled',
} as const;
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  submitted: '待受理',
  registered: '已受理',
  dispatched: '已派单',
  accepted: '已接单',
  on_site: '已到场',
  quoted: '待确认报价',
  in_progress: '施工中',
  done: '待验收',
  verified: '已验收',
  visited: '已回访',
  closed: '已完结',
  cancelled: '已取消',
};

export const TERMINAL_STATUSES: readonly TicketStatus[] = [TicketStatus.Closed, TicketStatus.Cancelled];

/**
 * The resident's list filters (进行中 / 待我处理 / 已完成). 待我处理 is a quote to sign or a finished job to accept and
 * rate (public-area work is accepted by the customer manager) or a charge signed on the technician's phone awaiting the
 * resident's confirmation; a held ticket waits for nobody.
 */
export const ResidentTicketFilter = { Active: 'active', Todo: 'todo', Finished: 'finished' } as const;
export type ResidentTicketFilter = (typeof ResidentTicketFilter)[keyof typeof ResidentTicketFilter];

export const RESIDENT_TICKET_FILTER_LABELS: Record<ResidentTicketFilter, string> = {
  active: '进行中',
  todo: '待我处理',
  finished: '已完成',
};

/** 已完成: nothing more happens on the resident's side (a rework request on a visited ticket reopens it). */
export const RESIDENT_FINISHED_STATUSES: readonly TicketStatus[] = [
  TicketStatus.Verified,
  TicketStatus.Visited,
  TicketStatus.Closed,
  TicketStatus.Cancelled,
];

export const TicketKind = {
  Repair: 'repair',
  Service: 'service',
  Suggestion: 'suggestion',
  Consultation: 'consultation',
  /** Reserved: complaints get their own flow (SLA/notifications issue). */
  Complaint: 'complaint',
} as const;
export type TicketKind = (typeof TicketKind)[keyof typeof TicketKind];

export const TICKET_KIND_LABELS: Record<TicketKind, string> = {
  repair: '报修',
  service: '特约服务',
  suggestion: '建议',
  consultation: '咨询',
  complaint: '投诉',
};

export const RepairScope = { Home: 'home', Public: 'public' } as const;
export type RepairScope = (typeof RepairScope)[keyof typeof RepairScope];

export const Urgency = { Emergency: 'emergency', Normal: 'normal' } as const;
export type Urgency = (typeof Urgency)[keyof typeof Urgency];

export const TicketChannel = {
  MiniProgram: 'mini_program',
  Phone: 'phone',
  WalkIn: 'walk_in',
  OnSite: 'on_site',
} as const;
export type TicketChannel = (typeof TicketChannel)[keyof typeof TicketChannel];

/** Who acts, as far as the lifecycle is concerned. */
export const TicketActor = {
  Resident: 'resident',
  CustomerManager: 'customer_manager',
  Supervisor: 'supervisor',
  Technician: 'technician',
  ProjectManager: 'project_manager',
  System: 'system',
} as const;
export type TicketActor = (typeof TicketActor)[keyof typeof TicketActor];

export const TicketAction = {
  Register: 'register',
  Dispatch: 'dispatch',
  Grab: 'grab',
  Decline: 'decline',
  Transfer: 'transfer',
  Accept: 'accept',
  CheckIn: 'check_in',
  Quote: 'quote',
  Requote: 'requote',
  AgreeQuote: 'agree_quote',
  DeclineQuote: 'decline_quote',
  Start: 'start',
  Complete: 'complete',
  Verify: 'verify',
  RequestRework: 'request_rework',
  ReturnVisit: 'return_visit',
  Close: 'close',
  Reply: 'reply',
  Cancel: 'cancel',
} as const;
export type TicketAction = (typeof TicketAction)[keyof typeof TicketAction];

export const TICKET_ACTION_LABELS: Record<TicketAction, string> = {
  register: '受理',
  dispatch: '派单',
  grab: '抢单',
  decline: '退单',
  transfer: '转单',
  accept: '接单',
  check_in: '到场签到',
  quote: '报价',
  requote: '重新报价',
  agree_quote: '同意报价',
  decline_quote: '拒绝报价',
  start: '开始施工',
  complete: '完工',
  verify: '验收',
  request_rework: '返修',
  return_visit: '回访',
  close: '完结',
  reply: '答复',
  cancel: '取消',
};

interface TransitionRule {
  from: readonly TicketStatus[];
  to: TicketStatus;
  actors: readonly TicketActor[];
  /** paid: only paid work (home repair, service); free: only free work; message: only suggestions/consultations. */
  work?: 'paid' | 'free' | 'message' | 'job';
  /**
   * Who acts instead on public-area repairs (scope public), when that differs: common areas have no
   * resident of their own, so the customer manager accepts the work (recording a building representative
   * when one signs), never the technician who did it.
   */
  publicActors?: readonly TicketActor[];
}

const S = TicketStatus;
const A = TicketActor;
const BEFORE_WORK: readonly TicketStatus[] = [S.Submitted, S.Registered, S.Dispatched, S.Accepted, S.OnSite, S.Quoted];

export const TRANSITIONS: Readonly<Record<TicketAction, TransitionRule>> = {
  register: { from: [S.Submitted], to: S.Registered, actors: [A.CustomerManager], work: 'job' },
  dispatch: {
    from: [S.Registered],
    to: S.Dispatched,
    actors: [A.Supervisor, A.CustomerManager, A.System],
    work: 'job',
  },
  grab: { from: [S.Registered], to: S.Dispatched, actors: [A.Technician], work: 'job' },
  decline: { from: [S.Dispatched], to: S.Registered, actors: [A.Technician], work: 'job' },
  transfer: { from: [S.Dispatched, S.Accepted], to: S.Dispatched, actors: [A.Supervisor], work: 'job' },
  accept: { from: [S.Dispatched], to: S.Accepted, actors: [A.Technician], work: 'job' },
  check_in: { from: [S.Accepted], to: S.OnSite, actors: [A.Technician], work: 'job' },
  quote: { from: [S.OnSite], to: S.Quoted, actors: [A.Technician], work: 'paid' },
  requote: { from: [S.InProgress], to: S.Quoted, actors: [A.Technician], work: 'paid' },
  agree_quote: { from: [S.Quoted], to: S.InProgress, actors: [A.Resident, A.Technician], work: 'paid' },
  decline_quote: { from: [S.Quoted], to: S.Cancelled, actors: [A.Resident, A.Technician], work: 'paid' },
  start: { from: [S.OnSite], to: S.InProgress, actors: [A.Technician], work: 'free' },
  complete: { from: [S.InProgress], to: S.Done, actors: [A.Technician], work: 'job' },
  verify: {
    from: [S.Done],
    to: S.Verified,
    actors: [A.Resident, A.Technician],
    publicActors: [A.CustomerManager],
    work: 'job',
  },
  request_rework: { from: [S.Done, S.Visited], to: S.InProgress, actors: [A.Resident, A.CustomerManager], work: 'job' },
  return_visit: { from: [S.Verified], to: S.Visited, actors: [A.CustomerManager], work: 'job' },
  close: { from: [S.Visited], to: S.Closed, actors: [A.CustomerManager, A.ProjectManager, A.System], work: 'job' },
  reply: { from: [S.Submitted, S.Registered], to: S.Closed, actors: [A.CustomerManager], work: 'message' },
  cancel: {
    from: [...BEFORE_WORK, S.InProgress],
    to: S.Cancelled,
    actors: [A.Resident, A.CustomerManager, A.Supervisor, A.ProjectManager],
  },
};

/**
 * 合并重复报修: a duplicate may be merged into another ticket only before anyone works on it — waiting for intake,
 * registered, dispatched or accepted (the technician has not arrived). Nothing is quoted, signed or charged then.
 */
export const MERGEABLE_STATUSES: readonly TicketStatus[] = [S.Submitted, S.Registered, S.Dispatched, S.Accepted];

export function isPaidWork(kind: TicketKind, scope: RepairScope | null): boolean {
  switch (kind) {
    case TicketKind.Service:
      return true;
    case TicketKind.Repair:
      return scope === RepairScope.Home;
    case TicketKind.Suggestion:
    case TicketKind.Consultation:
    case TicketKind.Complaint:
      return false;
    default:
      return assertUnreachable(kind);
  }
}

export function isMessageKind(kind: TicketKind): boolean {
  return kind === TicketKind.Suggestion || kind === TicketKind.Consultation || kind === TicketKind.Complaint;
}

export interface TicketFacts {
  kind: TicketKind;
  scope: RepairScope | null;
  onHold: boolean;
}

export type TransitionRefusal =
  | { reason: 'terminal' }
  | { reason: 'on_hold' }
  | { reason: 'wrong_status'; allowedFrom: readonly TicketStatus[] }
  | { reason: 'wrong_actor'; allowedActors: readonly TicketActor[] }
  | { reason: 'wrong_kind' };

/** null when allowed; otherwise why not. Cancel is open to residents only before work starts. */
export function transitionRefusal(
  action: TicketAction,
  from: TicketStatus,
  actor: TicketActor,
  facts: TicketFacts,
): TransitionRefusal | null {
  const rule = TRANSITIONS[action];
  if (TERMINAL_STATUSES.includes(from)) return { reason: 'terminal' };
  if (facts.onHold && action !== TicketAction.Cancel) return { reason: 'on_hold' };
  const message = isMessageKind(facts.kind);
  const paid = isPaidWork(facts.kind, facts.scope);
  const kindOk =
    rule.work === undefined ||
    (rule.work === 'message' && message) ||
    (rule.work === 'job' && !message) ||
    (rule.work === 'paid' && paid) ||
    (rule.work === 'free' && !message && !paid);
  if (!kindOk) return { reason: 'wrong_kind' };
  const actors = actorsFor(action, facts);
  if (!actors.includes(actor)) return { reason: 'wrong_actor', allowedActors: actors };
  const allowedFrom = action === TicketAction.Cancel && actor === TicketActor.Resident ? BEFORE_WORK : rule.from;
  if (!allowedFrom.includes(from)) return { reason: 'wrong_status', allowedFrom };
  return null;
}

/** Who may take `action` on this ticket (public-area repairs may name other actors). */
export function actorsFor(action: TicketAction, facts: Pick<TicketFacts, 'kind' | 'scope'>): readonly TicketActor[] {
  const rule = TRANSITIONS[action];
  return rule.publicActors && facts.kind === TicketKind.Repair && facts.scope === RepairScope.Public
    ? rule.publicActors
    : rule.actors;
}

export function canTransition(
  action: TicketAction,
  from: TicketStatus,
  actor: TicketActor,
  facts: TicketFacts,
): boolean {
  return transitionRefusal(action, from, actor, facts) === null;
}

export function targetStatus(action: TicketAction): TicketStatus {
  return TRANSITIONS[action].to;
}

/** Actions an actor may take now — what the mini-program and console use to decide which buttons to show. */
export function availableActions(from: TicketStatus, actor: TicketActor, facts: TicketFacts): TicketAction[] {
  return (Object.keys(TRANSITIONS) as TicketAction[]).filter((a) => canTransition(a, from, actor, facts));
}
