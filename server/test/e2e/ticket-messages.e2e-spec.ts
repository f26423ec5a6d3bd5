import type { ITicket } from '@app/shared';
import { useClockForTests } from '../../src/common/time';
import { VisitReminders } from '../../src/modules/reminders/visit-reminders.service';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, TicketWorld } from './ticket-helpers';

const MIN = 60_000;

/** Messages about tickets reach the right person: the resident behind a 代客报修, the technician before a visit. */
describe('ticket messages: resident of a phone ticket, appointment reminders', () => {
  let t: TestApp;
  let w: TicketWorld;
  const inbox = async (token: string): Promise<{ kind: string; title: string; ticketId: number | null }[]> =>
    (await t.http().get('/api/inbox').query({ pageSize: 100 }).set(bearer(token)).expect(200)).body.items;
  const outboxTo = async (ticketId: number, kind: string): Promise<number[]> =>
    (
      await t.db.query('SELECT user_id FROM notification_outbox WHERE ticket_id = ? AND kind = ? ORDER BY user_id', [
        ticketId,
        kind,
      ])
    ).map((r: { user_id: number }) => Number(r.user_id));

  beforeAll(async () => {
    t = await bootTestApp({ NOTIFY_WORKER: 'false' });
    w = await makeTicketWorld(t, 1);
  });
  afterAll(async () => {
    useClockForTests(null);
    await t.close();
  });

  async function phoneTicket(contactPhone: string): Promise<ITicket> {
    return (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(w.cm))
        .send({
          houseId: w.tenant.houseIds[0],
          kind: 'repair',
          scope: 'home',
          category: 'GS',
          urgency: 'normal',
          description: '电话报修：厨房水管漏水',
          channel: 'phone',
          contactName: '测试住户',
          contactPhone,
        })
        .expect(201)
    ).body;
  }

  it('a phone ticket registered by the customer manager tells the house resident with that phone, not the customer manager', async () => {
    const ticket = await phoneTicket('13811112222'); // the phone residentA verified house 0 with (factories.bindResident)
    await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
    await act(t, w.cm, ticket.id, 'dispatch', { technicianId: w.techs[0].id }).expect(200);
    expect(await outboxTo(ticket.id, 'ticket.registered')).toEqual([w.residentA.user.id]);
    expect(await outboxTo(ticket.id, 'ticket.technician_assigned')).toEqual([w.residentA.user.id]);
    expect((await inbox(w.residentA.accessToken)).filter((m) => m.ticketId === ticket.id).map((m) => m.kind)).toEqual([
      'ticket.technician_assigned',
      'ticket.registered',
    ]);
    const cmGot = (await inbox(w.cm)).filter((m) => m.ticketId === ticket.id).map((m) => m.kind);
    expect(cmGot).not.toContain('ticket.registered');
    expect(cmGot).not.toContain('ticket.technician_assigned');
  });

  it('a phone ticket whose phone matches no verified resident sends the resident messages to nobody', async () => {
    const ticket = await phoneTicket('13900001111');
    await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
    expect(await outboxTo(ticket.id, 'ticket.registered')).toEqual([]);
  });

  it('a resident-reported ticket still tells its reporter', async () => {
    const ticket = await createHomeRepair(t, w);
    await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
    expect(await outboxTo(ticket.id, 'ticket.registered')).toEqual([w.residentA.user.id]);
  });

  it('reminds the technician 30 minutes before the agreed visit, once, even with two schedulers racing', async () => {
    const reminders = t.app.get(VisitReminders);
    const tech = w.techs[0];
    const ticket = await createHomeRepair(t, w);
    await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
    await act(t, w.cm, ticket.id, 'dispatch', { technicianId: tech.id }).expect(200);
    const visitAt = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / MIN) * MIN);
    await act(t, tech.token, ticket.id, 'accept', { visitAt: visitAt.toISOString() }).expect(200);

    // The server's clock moves only around the reminder passes: HTTP calls run on real time (tokens stay valid).
    const at = async <T>(instant: Date, work: () => Promise<T>): Promise<T> => {
      useClockForTests(() => instant);
      try {
        return await work();
      } finally {
        useClockForTests(null);
      }
    };
    await at(new Date(visitAt.getTime() - 31 * MIN), () => reminders.run());
    expect(await outboxTo(ticket.id, 'ticket.visit_reminder')).toEqual([]);

    const sent = await at(new Date(visitAt.getTime() - 29 * MIN), () =>
      Promise.all([reminders.run(), reminders.run(), reminders.run()]),
    );
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await at(new Date(visitAt.getTime() - 20 * MIN), () => reminders.run())).toBe(0);
    expect(await outboxTo(ticket.id, 'ticket.visit_reminder')).toEqual([tech.id]);
    const msg = (await inbox(tech.token)).find((m) => m.kind === 'ticket.visit_reminder' && m.ticketId === ticket.id);
    expect(msg?.title).toMatch(/^上门提醒：\d{2}:\d{2} /);
    const claims = await t.db.query('SELECT technician_id FROM visit_reminders WHERE ticket_id = ?', [ticket.id]);
    expect(claims.map((r: { technician_id: number }) => Number(r.technician_id))).toEqual([tech.id]);

    // Once the technician is on site there is nothing left to remind of.
    await act(t, tech.token, ticket.id, 'check-in').expect(200);
    expect(await at(new Date(visitAt.getTime() - 10 * MIN), () => reminders.run())).toBe(0);
  });
});
