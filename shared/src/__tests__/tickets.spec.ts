import fc from 'fast-check';
import {
  RepairScope,
  TERMINAL_STATUSES,
  TicketAction,
  TicketActor,
  TicketKind,
  TicketStatus,
  availableActions,
  canTransition,
  isPaidWork,
  targetStatus,
  transitionRefusal,
} from '../tickets';

const facts = (kind: TicketKind, scope: RepairScope | null = null, onHold = false) => ({ kind, scope, onHold });
const homeRepair = facts(TicketKind.Repair, RepairScope.Home);
const publicRepair = facts(TicketKind.Repair, RepairScope.Public);

describe('ticket state machine', () => {
  it('walks the paid home-repair happy path', () => {
    const path: [TicketAction, TicketActor][] = [
      ['register', 'customer_manager'],
      ['grab', 'technician'],
      ['accept', 'technician'],
      ['check_in', 'technician'],
      ['quote', 'technician'],
      ['agree_quote', 'resident'],
      ['complete', 'technician'],
      ['verify', 'resident'],
      ['return_visit', 'customer_manager'],
      ['close', 'customer_manager'],
    ];
    let status: TicketStatus = TicketStatus.Submitted;
    for (const [action, actor] of path) {
      expect(transitionRefusal(action, status, actor, homeRepair)).toBeNull();
      status = targetStatus(action);
    }
    expect(status).toBe('closed');
  });

  it('has the customer manager, not the technician or a resident, accept public-area work', () => {
    expect(canTransition('verify', 'done', 'customer_manager', publicRepair)).toBe(true);
    expect(canTransition('verify', 'done', 'technician', publicRepair)).toBe(false);
    expect(canTransition('verify', 'done', 'resident', publicRepair)).toBe(false);
    expect(canTransition('verify', 'done', 'technician', homeRepair)).toBe(true);
    expect(canTransition('verify', 'done', 'customer_manager', homeRepair)).toBe(false);
    expect(availableActions('done', 'customer_manager', publicRepair)).toContain('verify');
  });

  it('lets public (free) work skip the quote, and refuses quotes on it', () => {
    expect(canTransition('start', 'on_site', 'technician', publicRepair)).toBe(true);
    expect(canTransition('quote', 'on_site', 'technician', publicRepair)).toBe(false);
    expect(canTransition('start', 'on_site', 'technician', homeRepair)).toBe(false);
  });

  it('lets residents cancel only before work starts; staff until work is done', () => {
    expect(canTransition('cancel', 'quoted', 'resident', homeRepair)).toBe(true);
    expect(canTransition('cancel', 'in_progress', 'resident', homeRepair)).toBe(false);
    expect(canTransition('cancel', 'in_progress', 'customer_manager', homeRepair)).toBe(true);
    expect(canTransition('cancel', 'done', 'customer_manager', homeRepair)).toBe(false);
  });

  it('freezes a ticket on hold except for cancellation', () => {
    const held = facts(TicketKind.Repair, RepairScope.Home, true);
    expect(transitionRefusal('accept', 'dispatched', 'technician', held)).toEqual({ reason: 'on_hold' });
    expect(canTransition('cancel', 'dispatched', 'customer_manager', held)).toBe(true);
  });

  it('answers suggestions with a reply and nothing else', () => {
    const s = facts(TicketKind.Suggestion);
    expect(availableActions('submitted', 'customer_manager', s).sort()).toEqual(['cancel', 'reply']);
    expect(canTransition('register', 'submitted', 'customer_manager', s)).toBe(false);
  });

  it('knows which work is paid', () => {
    expect(isPaidWork('service', null)).toBe(true);
    expect(isPaidWork('repair', 'home')).toBe(true);
    expect(isPaidWork('repair', 'public')).toBe(false);
    expect(isPaidWork('suggestion', null)).toBe(false);
  });
});

/**
 * R3: an independent model of docs/domain.md §2, written out by hand, compared with the shared table
 * over random action sequences from every actor. Also checks that terminal states never change and
 * that paid work can only reach verification (where the charge is posted) after an agreed quote.
 */
describe('ticket state machine vs an independent model (R3)', () => {
  type Model = { status: TicketStatus; agreed: boolean };
  const staff: TicketActor[] = ['customer_manager', 'supervisor', 'project_manager'];

  function modelAllows(
    action: TicketAction,
    actor: TicketActor,
    m: Model,
    kind: TicketKind,
    scope: RepairScope | null,
  ): TicketStatus | null {
    const s = m.status;
    if (s === 'closed' || s === 'cancelled') return null;
    const message = kind === 'suggestion' || kind === 'consultation' || kind === 'complaint';
    const paid = kind === 'service' || (kind === 'repair' && scope === 'home');
    if (message) {
      if (action === 'reply' && actor === 'customer_manager' && (s === 'submitted' || s === 'registered'))
        return 'closed';
      if (
        action === 'cancel' &&
        (actor === 'resident' || staff.includes(actor)) &&
        (s === 'submitted' || s === 'registered')
      )
        return 'cancelled';
      return null;
    }
    const is = (a: TicketAction, from: TicketStatus[], who: TicketActor[]) =>
      action === a && from.includes(s) && who.includes(actor);
    if (is('register', ['submitted'], ['customer_manager'])) return 'registered';
    if (is('dispatch', ['registered'], ['supervisor', 'customer_manager', 'system'])) return 'dispatched';
    if (is('grab', ['registered'], ['technician'])) return 'dispatched';
    if (is('decline', ['dispatched'], ['technician'])) return 'registered';
    if (is('transfer', ['dispatched', 'accepted'], ['supervisor'])) return 'dispatched';
    if (is('accept', ['dispatched'], ['technician'])) return 'accepted';
    if (is('check_in', ['accepted'], ['technician'])) return 'on_site';
    if (paid && is('quote', ['on_site'], ['technician'])) return 'quoted';
    if (paid && is('requote', ['in_progress'], ['technician'])) return 'quoted';
    if (paid && is('agree_quote', ['quoted'], ['resident', 'technician'])) return 'in_progress';
    if (paid && is('decline_quote', ['quoted'], ['resident', 'technician'])) return 'cancelled';
    if (!paid && is('start', ['on_site'], ['technician'])) return 'in_progress';
    if (is('complete', ['in_progress'], ['technician'])) return 'done';
    // Common areas have no resident: the customer manager accepts public work, never the technician who did it.
    const publicWork = kind === 'repair' && scope === 'public';
    if (is('verify', ['done'], publicWork ? ['customer_manager'] : ['resident', 'technician'])) return 'verified';
    if (is('request_rework', ['done', 'visited'], ['resident', 'customer_manager'])) return 'in_progress';
    if (is('return_visit', ['verified'], ['customer_manager'])) return 'visited';
    if (is('close', ['visited'], ['customer_manager', 'project_manager', 'system'])) return 'closed';
    const beforeWork: TicketStatus[] = ['submitted', 'registered', 'dispatched', 'accepted', 'on_site', 'quoted'];
    if (is('cancel', beforeWork, ['resident'])) return 'cancelled';
    if (is('cancel', [...beforeWork, 'in_progress'], staff)) return 'cancelled';
    return null;
  }

  const actions = Object.values(TicketAction);
  const actors = Object.values(TicketActor);
  const kinds: [TicketKind, RepairScope | null][] = [
    ['repair', 'home'],
    ['repair', 'public'],
    ['service', null],
    ['suggestion', null],
    ['consultation', null],
  ];

  it('agrees with the model on every step of random runs, and money rules hold', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.array(fc.record({ action: fc.constantFrom(...actions), actor: fc.constantFrom(...actors) }), {
          minLength: 1,
          maxLength: 60,
        }),
        ([kind, scope], steps) => {
          const m: Model = { status: 'submitted', agreed: false };
          for (const { action, actor } of steps) {
            const expected = modelAllows(action, actor, m, kind, scope);
            const allowed = canTransition(action, m.status, actor, { kind, scope, onHold: false });
            if (allowed !== (expected !== null)) return false;
            if (!allowed) continue;
            if (targetStatus(action) !== expected) return false;
            const wasTerminal = TERMINAL_STATUSES.includes(m.status);
            if (wasTerminal) return false;
            if (action === 'agree_quote') m.agreed = true;
            if (action === 'requote') m.agreed = false;
            // Verifying paid work posts its charge, so an agreed quote must exist by then.
            if (action === 'verify' && isPaidWork(kind, scope) && !m.agreed) return false;
            m.status = targetStatus(action);
          }
          return true;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never lets anything leave a terminal state', () => {
    for (const status of TERMINAL_STATUSES) {
      for (const [kind, scope] of kinds) {
        for (const actor of actors) expect(availableActions(status, actor, { kind, scope, onHold: false })).toEqual([]);
      }
    }
  });
});
