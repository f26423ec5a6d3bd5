import { randomBytes } from 'node:crypto';
import { Role, ScopeType } from '@app/shared';
import { makeStaff, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';
import { startWecomStandIn, WecomStandIn } from '../stand-ins/wecom-stand-in';
import { createHomeRepair, act, makeTicketWorld, TicketWorld } from './ticket-helpers';
import { deliveries, FAST, outboxFor, redisUpSync, settled, TEMPLATES, waitFor, worker } from './notifications-helpers';

/** WeCom for staff, and BullMQ on Redis (with CI set, a missing Redis fails here instead of skipping). */
describe('notifications: WeCom stand-in receives a dispatch; BullMQ worker killed mid-delivery', () => {
  let t: TestApp;
  let w: TicketWorld;
  let wecom: WecomStandIn;
  const redis = redisUpSync();

  beforeAll(async () => {
    if (!redis && process.env.CI)
      throw new Error('CI is set but Redis is not reachable at 127.0.0.1:6379 (BullMQ outbox tests need it)');
    wecom = await startWecomStandIn();
    t = await bootTestApp({
      ...TEMPLATES,
      ...FAST,
      WECOM_CORP_ID: wecom.corpId,
      WECOM_CORP_SECRET: wecom.corpSecret,
      WECOM_AGENT_ID: String(wecom.agentId),
      WECOM_API_BASE: wecom.url,
      ...(redis
        ? { REDIS_URL: 'redis://127.0.0.1:6379', NOTIFY_QUEUE_PREFIX: `e2e-${randomBytes(4).toString('hex')}` }
        : {}),
    });
    w = await makeTicketWorld(t, 2);
    await t
      .http()
      .put(`/api/projects/${w.tenant.projectId}/dispatch-policies`)
      .set(bearer(w.sup))
      .send({ category: 'GS', mode: 'assign', poolMinutes: 30 })
      .expect(200);
    const [a, b] = await t.db.query('SELECT username FROM users WHERE id IN (?, ?) ORDER BY id', [
      w.techs[0].id,
      w.techs[1].id,
    ]);
    wecom.members.add(a.username).add(b.username);
  });
  afterAll(async () => {
    await t?.close();
    await wecom?.close();
  });

  async function dispatchTo(techIndex: number) {
    const ticket = await createHomeRepair(t, w);
    await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
    await act(t, w.sup, ticket.id, 'dispatch', { technicianId: w.techs[techIndex]!.id }).expect(200);
    return ticket;
  }

  it('a new dispatch reaches the technician as a WeCom text card; a stale WeCom token is refreshed once', async () => {
    const run = worker(t, 'w-wecom');
    await run.start();
    try {
      const ticket = await dispatchTo(0);
      const row = await settled(t, w.techs[0].id, 'ticket.dispatched');
      expect(row).toMatchObject({ status: 'sent', channel: 'wecom', attempts: 1 });
      const [{ username }] = await t.db.query('SELECT username FROM users WHERE id = ?', [w.techs[0].id]);
      const card = wecom.sent.find((m) => m.textcard?.title.includes(ticket.serial));
      expect(card).toMatchObject({ touser: username, msgtype: 'textcard' });
      expect(card!.textcard!.url).toContain(`packages/technician/pages/job/index?id=${ticket.id}`);

      wecom.expireToken();
      const tokenCalls = wecom.calls.gettoken;
      await dispatchTo(1);
      expect(await settled(t, w.techs[1].id, 'ticket.dispatched')).toMatchObject({
        status: 'sent',
        channel: 'wecom',
        attempts: 1,
      });
      expect(wecom.calls.gettoken).toBe(tokenCalls + 1);
    } finally {
      await run.stop();
    }
  });

  it('staff hear about a bad rating through WeCom when they have an account there', async () => {
    const cm = await makeStaff(t.db, [
      { role: Role.CustomerManager, scopeType: ScopeType.Project, scopeId: w.tenant.projectId },
    ]);
    wecom.members.add(cm.username);
    await passwordLogin(t, cm.username, STAFF_PASSWORD);
    const run = worker(t, 'w-staff');
    await run.start();
    try {
      // Enqueued the way ticket-signing does on a low rating, inside a transaction.
      const service = t.app.get(
        (await import('../../src/modules/notifications/notifications.service')).NotificationsService,
      );
      await t.db.transaction((tx) =>
        service.enqueue(tx, {
          kind: 'ticket.bad_rating',
          recipients: [cm.id],
          ref: `test:${cm.id}`,
          title: '差评提醒：T-1',
          body: '综合评分 1 分',
        }),
      );
      expect(await settled(t, cm.id, 'ticket.bad_rating')).toMatchObject({ status: 'sent', channel: 'wecom' });
      expect(wecom.sent.some((m) => m.touser === cm.username && m.textcard?.title === '差评提醒：T-1')).toBe(true);
    } finally {
      await run.stop();
    }
  });

  const withRedis = () => (redis ? it : it.skip);
  withRedis()(
    'BullMQ: a worker killed mid-delivery is replaced; the message is accepted exactly once; health is ready',
    async () => {
      const health = await t.http().get('/api/health/ready').expect(200);
      expect(health.body.checks).toEqual({ database: 'up', redis: 'up' });
      // Everything before the dispatch (the intake card to staff) is flushed first, so the held send is the dispatch.
      const ticket = await createHomeRepair(t, w);
      await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
      const flush = worker(t, 'bull-flush');
      await flush.start();
      // Only this ticket's: the suite shares one database, and specs on a controllable clock leave messages due in their future.
      await waitFor(
        'earlier messages',
        async () =>
          (
            await t.db.query(
              "SELECT COUNT(*) AS n FROM notification_outbox WHERE status IN ('pending', 'sending') AND ticket_id = ?",
              [ticket.id],
            )
          )[0].n == 0,
      );
      await flush.stop();
      wecom.failNextSend('hold');
      const before = wecom.sent.length;
      await act(t, w.sup, ticket.id, 'dispatch', { technicianId: w.techs[0]!.id }).expect(200);
      const doomed = worker(t, 'bull-doomed');
      await doomed.start();
      const sends = wecom.calls.send;
      await waitFor('the held WeCom send', async () => wecom.calls.send > sends);
      await doomed.stop({ kill: true });
      const a = worker(t, 'bull-a');
      const b = worker(t, 'bull-b');
      await Promise.all([a.start(), b.start()]);
      try {
        const rows = await outboxFor(t, w.techs[0].id, 'ticket.dispatched');
        const mine = rows.at(-1)!;
        const done = await waitFor('redelivery', async () => {
          const [r] = await t.db.query('SELECT status, attempts FROM notification_outbox WHERE id = ?', [mine.id]);
          return r.status === 'sent' ? r : null;
        });
        expect(Number(done.attempts)).toBe(2);
        expect((await deliveries(t, mine.id)).map((d) => [d.attempt, d.outcome, d.worker])).toEqual([
          [1, 'started', 'bull-doomed'],
          [2, 'sent', expect.stringMatching(/^bull-[ab]$/)],
        ]);
        const cards = wecom.sent.slice(before).filter((m) => m.textcard?.title === `新派单：${ticket.serial}`);
        expect(cards).toHaveLength(1);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    },
  );

  withRedis()('health is unready when the configured Redis is down', async () => {
    const down = await bootTestApp({ ...FAST, REDIS_URL: 'redis://127.0.0.1:6390' });
    try {
      const res = await down.http().get('/api/health/ready').expect(503);
      expect(res.body).toEqual({ status: 'unavailable', checks: { database: 'up', redis: 'down' } });
    } finally {
      await down.close();
    }
  });
});
