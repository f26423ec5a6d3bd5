import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { makeTicketWorld, TicketWorld } from './ticket-helpers';
import {
  deliveries,
  FAST,
  openIdOf,
  outboxFor,
  registeredTicket,
  reportAccept,
  settled,
  TEMPLATES,
  waitFor,
  worker,
} from './notifications-helpers';

describe('notifications: outbox, subscribe-message credits and WeChat errors (in-process worker)', () => {
  let t: TestApp;
  let w: TicketWorld;
  let residentId: number;
  let openid: string;
  const progress = TEMPLATES.WECHAT_TEMPLATE_TICKET_PROGRESS;

  beforeAll(async () => {
    t = await bootTestApp({ ...TEMPLATES, ...FAST });
    w = await makeTicketWorld(t, 2);
    await t
      .http()
      .put(`/api/projects/${w.tenant.projectId}/dispatch-policies`)
      .set(bearer(w.sup))
      .send({ category: 'GS', mode: 'assign', poolMinutes: 30 })
      .expect(200);
    residentId = w.residentA.user.id;
    openid = await openIdOf(t, residentId);
  });
  afterAll(() => t.close());

  /** Clears what earlier tests left so each one reads only its own rows. */
  async function fresh(): Promise<void> {
    await t.db.query('DELETE FROM notification_deliveries');
    await t.db.query('DELETE FROM notification_outbox');
    await t.db.query('DELETE FROM subscribe_credits');
    t.wechat.sent.length = 0;
  }

  it('lists the templates to ask for, and banks one credit per reported accept (ban zeroes, unknown ids ignored)', async () => {
    await fresh();
    const templates = await t
      .http()
      .get('/api/notifications/subscribe-templates')
      .set(bearer(w.residentA.accessToken))
      .expect(200);
    expect(templates.body).toEqual({ enabled: true, jobDispatch: 'tmpl-job-dispatch', ticketProgress: progress });
    await reportAccept(t, w.residentA.accessToken, progress);
    const twice = await reportAccept(t, w.residentA.accessToken, progress);
    expect(twice.body).toEqual([{ templateId: progress, credits: 2 }]);
    const mixed = await t
      .http()
      .post('/api/notifications/subscriptions')
      .set(bearer(w.residentA.accessToken))
      .send({
        results: [
          { templateId: 'someone-elses-template', result: 'accept' },
          { templateId: progress, result: 'ban' },
        ],
      })
      .expect(200);
    expect(mixed.body).toEqual([{ templateId: progress, credits: 0 }]);
    const bad = await t
      .http()
      .post('/api/notifications/subscriptions')
      .set(bearer(w.residentA.accessToken))
      .send({ results: [{ templateId: progress, result: 'maybe' }] })
      .expect(422);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['results.0.result']);
  });

  it('a send spends one credit; with none left the message stays in the inbox only', async () => {
    await fresh();
    t.wechat.grantSubscription(openid, progress);
    await reportAccept(t, w.residentA.accessToken, progress);
    const ticket = await registeredTicket(t, w);
    const run = worker(t, 'w-credit');
    await run.start();
    try {
      const registered = await settled(t, residentId, 'ticket.registered');
      expect(registered).toMatchObject({ status: 'sent', channel: 'wechat', attempts: 1 });
      const [msg] = t.wechat.sent;
      expect(msg).toMatchObject({
        touser: openid,
        template_id: progress,
        page: `packages/resident/pages/ticket/index?id=${ticket.id}`,
      });
      expect(msg!.data.character_string1!.value).toBe(ticket.serial);
      expect(msg!.data.phrase3!.value).toBe('已受理');
      expect([...msg!.data.thing2!.value].length).toBeLessThanOrEqual(20);
      const [credit] = await t.db.query('SELECT credits FROM subscribe_credits WHERE user_id = ?', [residentId]);
      expect(Number(credit.credits)).toBe(0);

      // Assigning a technician: no credit left → inbox only, logged as skipped, never sent to WeChat.
      await t
        .http()
        .post(`/api/tickets/${ticket.id}/dispatch`)
        .set(bearer(w.sup))
        .send({ technicianId: w.techs[0].id })
        .expect(200);
      const assigned = await settled(t, residentId, 'ticket.technician_assigned');
      expect(assigned).toMatchObject({ status: 'inbox_only', channel: 'inbox' });
      expect(await deliveries(t, assigned.id)).toEqual([expect.objectContaining({ attempt: 1, outcome: 'skipped' })]);
      expect(t.wechat.sent).toHaveLength(1);
      const inbox = await t.http().get('/api/inbox').set(bearer(w.residentA.accessToken)).expect(200);
      const named = inbox.body.items.find((m: { kind: string }) => m.kind === 'ticket.technician_assigned');
      const [tech] = await t.db.query('SELECT name FROM users WHERE id = ?', [w.techs[0].id]);
      expect(named.body).toContain(tech.name);
      const unread = await t.http().get('/api/inbox/unread-count').set(bearer(w.residentA.accessToken)).expect(200);
      expect(unread.body.unread).toBeGreaterThanOrEqual(2);
    } finally {
      await run.stop();
    }
  });

  it('43101 is not retried and zeroes the credit; 47003 is not retried; -1 is retried with backoff', async () => {
    await fresh();
    // Our ledger says 1, WeChat has nothing (the user's accept expired): 43101.
    await reportAccept(t, w.residentA.accessToken, progress);
    await registeredTicket(t, w);
    const run = worker(t, 'w-errors');
    await run.start();
    try {
      const refused = await settled(t, residentId, 'ticket.registered');
      expect(refused).toMatchObject({ status: 'inbox_only', attempts: 1 });
      expect(await deliveries(t, refused.id)).toEqual([expect.objectContaining({ outcome: 'failed', errcode: 43101 })]);
      const [credit] = await t.db.query('SELECT credits FROM subscribe_credits WHERE user_id = ?', [residentId]);
      expect(Number(credit.credits)).toBe(0);
      expect(t.wechat.calls.subscribeSend).toBeGreaterThan(0);

      await fresh();
      t.wechat.grantSubscription(openid, progress, 2);
      await reportAccept(t, w.residentA.accessToken, progress);
      t.wechat.failNextSend(47003);
      await registeredTicket(t, w);
      const invalid = await settled(t, residentId, 'ticket.registered');
      expect(invalid).toMatchObject({ status: 'failed', attempts: 1 });
      expect(await deliveries(t, invalid.id)).toEqual([expect.objectContaining({ outcome: 'failed', errcode: 47003 })]);

      await fresh();
      await reportAccept(t, w.residentA.accessToken, progress);
      t.wechat.failNextSend(-1, 2);
      const started = Date.now();
      await registeredTicket(t, w);
      const busy = await settled(t, residentId, 'ticket.registered');
      expect(busy).toMatchObject({ status: 'sent', attempts: 3 });
      expect((await deliveries(t, busy.id)).map((d) => [d.outcome, d.errcode])).toEqual([
        ['retry', -1],
        ['retry', -1],
        ['sent', 0],
      ]);
      // Backoff 100 ms then 200 ms before the third attempt.
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      // The busy attempts refunded their credit: exactly one was spent.
      const [left] = await t.db.query('SELECT credits FROM subscribe_credits WHERE user_id = ?', [residentId]);
      expect(Number(left.credits)).toBe(0);
    } finally {
      await run.stop();
    }
  });

  it('40001: the stable token is force-refreshed once and the send retried in the same attempt', async () => {
    await fresh();
    t.wechat.grantSubscription(openid, progress);
    await reportAccept(t, w.residentA.accessToken, progress);
    const run = worker(t, 'w-token');
    await run.start();
    try {
      // Warm the token cache with a first message, then rotate the token behind the client's back.
      await registeredTicket(t, w);
      await settled(t, residentId, 'ticket.registered');
      await t.db.query('DELETE FROM notification_outbox');
      t.wechat.grantSubscription(openid, progress);
      await reportAccept(t, w.residentA.accessToken, progress);
      t.wechat.rotateToken();
      const tokenCalls = t.wechat.calls.stableToken;
      await registeredTicket(t, w);
      const row = await settled(t, residentId, 'ticket.registered');
      expect(row).toMatchObject({ status: 'sent', attempts: 1 });
      expect(t.wechat.calls.stableToken).toBe(tokenCalls + 1);
      expect(t.wechat.sent).toHaveLength(2);
    } finally {
      await run.stop();
    }
  });

  it('exactly once: a worker killed mid-delivery is replaced, and two workers never send one row twice', async () => {
    await fresh();
    t.wechat.grantSubscription(openid, progress, 10);
    for (let i = 0; i < 10; i++) await reportAccept(t, w.residentA.accessToken, progress);
    t.wechat.failNextSend('hold');
    await registeredTicket(t, w);
    const doomed = worker(t, 'w-doomed');
    await doomed.start();
    const sendsBefore = t.wechat.calls.subscribeSend;
    await waitFor('the held send to reach WeChat', async () => t.wechat.calls.subscribeSend > sendsBefore);
    await doomed.stop({ kill: true });
    const [row] = await outboxFor(t, residentId, 'ticket.registered');
    expect(row!.status).toBe('sending');

    const a = worker(t, 'w-a');
    const b = worker(t, 'w-b');
    await Promise.all([a.start(), b.start()]);
    try {
      const recovered = await settled(t, residentId, 'ticket.registered');
      expect(recovered).toMatchObject({ status: 'sent', attempts: 2 });
      const log = await deliveries(t, recovered.id);
      expect(log.map((d) => [d.attempt, d.outcome])).toEqual([
        [1, 'started'],
        [2, 'sent'],
      ]);
      expect(log[0]!.worker).toBe('w-doomed');
      expect(t.wechat.sent).toHaveLength(1);

      // Many rows, two workers polling the same table: every message accepted exactly once.
      t.wechat.sent.length = 0;
      const tickets = [];
      for (let i = 0; i < 6; i++) tickets.push(await registeredTicket(t, w));
      await waitFor('six sends', async () => {
        const rows = await outboxFor(t, residentId, 'ticket.registered');
        return rows.length === 7 && rows.every((r) => r.status === 'sent');
      });
      const pages = t.wechat.sent.map((m) => m.page);
      expect(pages).toHaveLength(6);
      expect(new Set(pages).size).toBe(6);
      expect(new Set(tickets.map((x) => `packages/resident/pages/ticket/index?id=${x.id}`))).toEqual(new Set(pages));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('the same event enqueued twice is stored and shown once (dedupe key)', async () => {
    await fresh();
    const ticket = await registeredTicket(t, w);
    const [row] = await outboxFor(t, residentId, 'ticket.registered');
    // Replay the insert the way a retried effect would: the unique dedupe key refuses it.
    await expect(
      t.db.query(
        `INSERT INTO notification_outbox (dedupe_key, user_id, kind, title, body, status, attempts, next_attempt_at, created_at) VALUES (?, ?, 'ticket.registered', 'x', 'x', 'pending', 0, ?, ?)`,
        [row!.dedupe_key, residentId, new Date(), new Date()],
      ),
    ).rejects.toThrow();
    const inbox = await t.http().get('/api/inbox').set(bearer(w.residentA.accessToken)).expect(200);
    expect(
      inbox.body.items.filter(
        (m: { kind: string; ticketId: number }) => m.kind === 'ticket.registered' && m.ticketId === ticket.id,
      ),
    ).toHaveLength(1);
  });
});
