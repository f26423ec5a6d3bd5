import fc from 'fast-check';
import {
  BodyOf,
  ITicket,
  ROUTES,
  RepairScope,
  TERMINAL_STATUSES,
  TICKET_ACTION_ROUTES,
  TicketAction,
  TicketActionBody,
  TicketActor,
  TicketKind,
  TicketStatus,
  buildPath,
  canTransition,
  isPaidWork,
} from '@app/shared';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { Media } from '../../src/modules/media/media.entity';
import { makeTicketWorld, sign, TicketWorld } from './ticket-helpers';

/**
 * R3 over HTTP: random sequences of (action, actor) against a real ticket. The server must agree with the
 * shared transition table at every step (which the shared model test checks against docs/domain.md), never
 * answer 5xx, never change a closed or cancelled ticket, and never hold a charge without a recorded agreement.
 */
describe('tickets: random action sequences through HTTP vs the model (R3)', () => {
  let t: TestApp;
  let w: TicketWorld;
  const photos = new Map<string, number>();
  /** A photo row of the technician's own (no image processing: this test is about the lifecycle, not uploads). */
  const photoFor = async (ticketId: number, ownerId: number): Promise<number> => {
    const key = `${ticketId}:${ownerId}`;
    if (!photos.has(key)) {
      const n = photos.size + 1;
      const row = await t.db.getRepository(Media).insert({
        ownerId,
        clientUploadId: `model-photo-${process.pid}-${n}`,
        kind: 'photo',
        storageKey: `model/${n}.jpg`,
        thumbKey: `model/${n}.thumb.jpg`,
        contentType: 'image/jpeg',
        width: 320,
        height: 240,
        bytes: 1000,
        sha256: '0'.repeat(64),
        createdAt: new Date(),
      });
      photos.set(key, Number(row.identifiers[0].id));
    }
    return photos.get(key)!;
  };

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t, 2);
  });
  afterAll(() => t.close());

  interface Model {
    status: TicketStatus;
    tech: number | null;
    poolOpen: boolean;
    kind: TicketKind;
    scope: RepairScope | null;
  }

  const ACTIONS: TicketAction[] = [
    'register',
    'dispatch',
    'grab',
    'decline',
    'transfer',
    'accept',
    'check_in',
    'quote',
    'requote',
    'agree_quote',
    'decline_quote',
    'start',
    'complete',
    'verify',
    'request_rework',
    'return_visit',
    'close',
    'reply',
    'cancel',
  ];
  const ACTORS: TicketActor[] = ['resident', 'customer_manager', 'supervisor', 'technician', 'project_manager'];
  // Paths and body types come from the clients' own route table: a renamed route or field breaks this file's typecheck too.
  const actionUrl = (id: number, action: TicketAction) => buildPath(TICKET_ACTION_ROUTES[action].path, { id });
  const ticketUrl = (id: number) => buildPath(ROUTES.tickets.one.path, { id });
  const typed = <A extends TicketAction>(_action: A, value: TicketActionBody<A>) => value ?? {};

  function tokenFor(actor: TicketActor, m: Model): string {
    switch (actor) {
      case 'resident':
        return w.residentA.accessToken;
      case 'customer_manager':
        return w.cm;
      case 'supervisor':
        return w.sup;
      case 'project_manager':
        return w.pm;
      default:
        return (w.techs.find((x) => x.id === m.tech) ?? w.techs[0]).token;
    }
  }

  /** What the server should allow: the shared table plus the facts the table does not model (pool, assignment). */
  function expected(action: TicketAction, actor: TicketActor, m: Model): boolean {
    if (!canTransition(action, m.status, actor, { kind: m.kind, scope: m.scope, onHold: false })) return false;
    if (action === 'grab') return m.poolOpen;
    if (actor === 'technician' && m.tech === null) return false;
    if (actor === 'technician' && ['verify', 'agree_quote', 'decline_quote'].includes(action)) return m.tech !== null;
    return true;
  }

  async function body(action: TicketAction, m: Model, id: number, token: string): Promise<object> {
    const other = w.techs.find((x) => x.id !== m.tech) ?? w.techs[0];
    switch (action) {
      case 'register':
        return typed(action, { priceExplained: true });
      case 'dispatch':
        return typed(action, { technicianId: w.techs[1].id });
      case 'transfer':
        return typed(action, { technicianId: other.id, reason: '调整' });
      case 'decline':
      case 'decline_quote':
      case 'request_rework':
      case 'cancel':
        return typed(action, { reason: '测试原因' });
      case 'accept':
        return typed(action, { visitAt: new Date(Date.now() + 3600_000).toISOString() });
      case 'quote':
      case 'requote':
        return typed(action, { items: [{ code: 'GS-001', quantityMilli: 1000 }] });
      // A photo belongs to one ticket: a fresh one per ticket (re-sending it to the same ticket after a rework is fine).
      case 'complete':
        return typed(action, { result: '完成', mediaIds: [await photoFor(id, m.tech ?? w.techs[0].id)] });
      case 'return_visit':
        return typed(action, { result: '回访', satisfied: true });
      case 'reply':
        return typed(action, { reply: '已答复' });
      case 'agree_quote': {
        const ticket = (await t.http().get(ticketUrl(id)).set(bearer(w.cm))).body as ITicket;
        return typed(action, await sign(t, token, ticket.quote?.snapshotHash ?? '0'.repeat(64)));
      }
      case 'verify': {
        // Public-area work is accepted by the customer manager: ratings, no resident signature.
        if (m.scope === 'public') return typed(action, { overall: 5, punctuality: 5, attitude: 5 });
        const ticket = (await t.http().get(ticketUrl(id)).set(bearer(w.cm))).body as ITicket;
        return typed(action, {
          overall: 5,
          punctuality: 5,
          attitude: 5,
          ...(await sign(t, token, ticket.acceptanceSnapshotHash ?? '0'.repeat(64))),
        });
      }
      default:
        return typed(action, undefined);
    }
  }

  function advance(action: TicketAction, m: Model): void {
    if (action === 'register') m.poolOpen = true;
    if (action === 'grab') m.tech = w.techs[0].id;
    if (action === 'dispatch') m.tech = w.techs[1].id;
    if (action === 'transfer') m.tech = (w.techs.find((x) => x.id !== m.tech) ?? w.techs[0]).id;
    if (action === 'decline') m.tech = null;
    if (['grab', 'dispatch', 'decline', 'cancel'].includes(action)) m.poolOpen = false;
    m.status = (
      {
        register: 'registered',
        dispatch: 'dispatched',
        grab: 'dispatched',
        decline: 'registered',
        transfer: 'dispatched',
        accept: 'accepted',
        check_in: 'on_site',
        quote: 'quoted',
        requote: 'quoted',
        agree_quote: 'in_progress',
        decline_quote: 'cancelled',
        start: 'in_progress',
        complete: 'done',
        verify: 'verified',
        request_rework: 'in_progress',
        return_visit: 'visited',
        close: 'closed',
        reply: 'closed',
        cancel: 'cancelled',
      } as Record<TicketAction, TicketStatus>
    )[action];
  }

  it('never diverges, never 5xx, terminal stays terminal, no charge without agreement', async () => {
    const reached = new Set<TicketStatus>();
    const kinds: [TicketKind, RepairScope | null][] = [
      ['repair', 'home'],
      ['repair', 'public'],
      ['suggestion', null],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...kinds),
        // Bias towards the happy path so runs get deep into the lifecycle, with random detours.
        fc.array(
          fc.record({
            action: fc.constantFrom(...ACTIONS),
            actor: fc.constantFrom(...ACTORS),
            mode: fc.nat(7),
            pick: fc.nat(1000),
          }),
          { minLength: 8, maxLength: 30 },
        ),
        async ([kind, scope], steps) => {
          const report: BodyOf<typeof ROUTES.tickets.create> = {
            houseId: w.tenant.houseIds[0],
            kind,
            ...(scope ? { scope } : {}),
            category: 'GS',
            urgency: 'normal',
            description: '模型测试',
          };
          const created = (
            await t
              .http()
              .post(ROUTES.tickets.create.path)
              .set(bearer(w.residentA.accessToken))
              .send(report)
              .expect(201)
          ).body as ITicket;
          const m: Model = { status: 'submitted', tech: null, poolOpen: false, kind, scope };
          for (const step of steps) {
            let { action, actor } = step;
            if (step.mode > 0) {
              // Seven steps in eight take a legal move — mostly onward, sometimes any (cancel, decline …) — so runs reach
              // deep states; the rest are arbitrary (action, actor) pairs the server must refuse or allow exactly like the model.
              const legal = ACTIONS.flatMap((a) => ACTORS.map((r) => [a, r] as const)).filter(([a, r]) =>
                expected(a, r, m),
              );
              const onward = legal.filter(
                ([a]) => !['cancel', 'decline', 'decline_quote', 'request_rework'].includes(a),
              );
              const options = step.mode === 1 || !onward.length ? legal : onward;
              if (options.length) [action, actor] = options[step.pick % options.length];
            }
            const allowed = expected(action, actor, m);
            const token = tokenFor(actor, m);
            const res = await t
              .http()
              .post(actionUrl(created.id, action))
              .set(bearer(token))
              .send(await body(action, m, created.id, token));
            if (res.status >= 500)
              throw new Error(`5xx on ${action} by ${actor} from ${m.status}: ${JSON.stringify(res.body)}`);
            if (allowed !== res.status < 300) {
              throw new Error(
                `divergence on ${action} by ${actor} from ${m.status}: expected ${allowed ? 'success' : 'refusal'}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
              );
            }
            if (allowed) advance(action, m);
            reached.add(m.status);
            const now = (await t.http().get(ticketUrl(created.id)).set(bearer(w.cm)).expect(200)).body as ITicket;
            if (now.status !== m.status)
              throw new Error(`server status ${now.status} but model ${m.status} after ${action}`);
          }
          const charges = await t.db.query('SELECT id, agreement_ref FROM charges WHERE ticket_id = ?', [created.id]);
          const agreements = await t.db.query(
            "SELECT id FROM ticket_signatures WHERE ticket_id = ? AND purpose IN ('quote_agreement', 'quote_decline')",
            [created.id],
          );
          if (charges.length && !agreements.length) throw new Error(`charge without agreement on ticket ${created.id}`);
          if (charges.length && !isPaidWork(kind, scope)) throw new Error(`charge on free work, ticket ${created.id}`);
          if (TERMINAL_STATUSES.includes(m.status)) {
            const before = (await t.http().get(ticketUrl(created.id)).set(bearer(w.cm))).body as ITicket;
            for (const action of ['cancel', 'close', 'request_rework', 'register'] as TicketAction[]) {
              const res = await t
                .http()
                .post(actionUrl(created.id, action))
                .set(bearer(w.cm))
                .send({ reason: 'x', priceExplained: true });
              if (res.status < 400 || res.status >= 500)
                throw new Error(`terminal ticket answered ${res.status} to ${action}`);
            }
            const after = (await t.http().get(ticketUrl(created.id)).set(bearer(w.cm))).body as ITicket;
            if (after.version !== before.version || after.status !== before.status)
              throw new Error('terminal ticket changed');
          }
        },
      ),
      { numRuns: 60 },
    );
    // The runs must actually explore the lifecycle, or the property above proves little.
    expect([...reached]).toEqual(
      expect.arrayContaining([
        'registered',
        'dispatched',
        'quoted',
        'in_progress',
        'done',
        'verified',
        'closed',
        'cancelled',
      ]),
    );
  }, 240_000); // 60 property runs over HTTP; on MariaDB under load this exceeds the 60 s default.
});
