import type { AddressInfo } from 'node:net';
import type { ILiveStreamToken } from '@app/shared';
import { useClockForTests } from '../../src/common/time';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { openStream, type EventStream } from './live-helpers';
import { act, createHomeRepair, makeTicketWorld, TicketWorld } from './ticket-helpers';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
}

async function streamFor(t: TestApp, base: string, token: string): Promise<EventStream> {
  const issued = (await t.http().post('/api/live/stream-token').set(bearer(token)).expect(200))
    .body as ILiveStreamToken;
  const stream = await openStream(`${base}/api/live/tickets?token=${encodeURIComponent(issued.token)}`);
  expect(stream.status).toBe(200);
  return stream;
}

async function phoneTicket(t: TestApp, token: string, projectId: number, description: string): Promise<number> {
  return (
    await t
      .http()
      .post('/api/tickets')
      .set(bearer(token))
      .send({
        projectId,
        kind: 'repair',
        scope: 'public',
        category: 'GD',
        urgency: 'normal',
        description,
        channel: 'phone',
        contactName: '王先生',
        contactPhone: '13811112222',
      })
      .expect(201)
  ).body.id;
}

/** docs/operations.md "Live updates": the console's event stream, its token, its project scope and two instances. */
describe('live console updates (server-sent events)', () => {
  describe('one instance, in-process bus', () => {
    let t: TestApp;
    let w: TicketWorld;
    let base: string;
    const open: EventStream[] = [];

    beforeAll(async () => {
      t = await bootTestApp({ NOTIFY_WORKER: 'false', REDIS_URL: '' });
      w = await makeTicketWorld(t, 1);
      base = await listen(t);
    });
    afterAll(async () => {
      open.forEach((s) => s.close());
      useClockForTests(null);
      await t.close();
    });

    it('a new ticket and its next step reach the staff of its project, and nobody else', async () => {
      const cm = await streamFor(t, base, w.cm);
      const outsider = await streamFor(t, base, w.outsiderCm);
      open.push(cm, outsider);
      const ticket = await createHomeRepair(t, w);
      expect(await cm.next((e) => e.ticketId === ticket.id)).toMatchObject({
        type: 'ticket.created',
        projectId: w.tenant.projectId,
        status: 'submitted',
        action: 'submit',
      });
      await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
      expect(await cm.next((e) => e.ticketId === ticket.id && e.type === 'ticket.changed')).toMatchObject({
        action: 'register',
        status: 'registered',
      });
      // The outsider's stream is alive (it gets its own project's ticket) but never saw the first project's.
      const otherProject = (await t.http().get('/api/me').set(bearer(w.outsiderCm)).expect(200)).body.roles[0]
        .scopeId as number;
      const theirs = await phoneTicket(t, w.outsiderCm, otherProject, '外项目：路灯不亮');
      await outsider.next((e) => e.ticketId === theirs);
      expect(outsider.events.map((e) => e.projectId)).toEqual([otherProject]);
      expect(cm.events.some((e) => e.ticketId === theirs)).toBe(false);
    });

    it('refuses a missing, forged or expired token; only staff who see tickets get one', async () => {
      expect((await openStream(`${base}/api/live/tickets`)).status).toBe(401);
      const issued = (await t.http().post('/api/live/stream-token').set(bearer(w.cm)).expect(200))
        .body as ILiveStreamToken;
      const [payload, sig] = issued.token.split('.');
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), p: [1, 2, 3] }),
      ).toString('base64url');
      expect((await openStream(`${base}/api/live/tickets?token=${forged}.${sig}`)).status).toBe(401);
      useClockForTests(() => new Date(Date.now() + 61_000));
      expect((await openStream(`${base}/api/live/tickets?token=${encodeURIComponent(issued.token)}`)).status).toBe(401);
      useClockForTests(null);
      await t.http().post('/api/live/stream-token').set(bearer(w.residentA.accessToken)).expect(403);
      await t.http().post('/api/live/stream-token').set(bearer(w.techs[0].token)).expect(403);
      await t.http().post('/api/live/stream-token').expect(401);
    });
  });

  describe('two instances on Redis pub/sub', () => {
    let a: TestApp;
    let b: TestApp;
    let w: TicketWorld;
    let stream: EventStream | null = null;

    beforeAll(async () => {
      const env = { NOTIFY_WORKER: 'false', REDIS_URL, NOTIFY_QUEUE_PREFIX: `live-e2e-${process.pid}-${Date.now()}` };
      a = await bootTestApp(env);
      b = await bootTestApp(env);
      w = await makeTicketWorld(a, 1);
    });
    afterAll(async () => {
      stream?.close();
      await a.close();
      await b.close();
    });

    it('a ticket created through instance A reaches a console connected to instance B, once', async () => {
      const baseB = await listen(b);
      stream = await streamFor(b, baseB, w.cm);
      const ticket = await createHomeRepair(a, w);
      await stream.next((e) => e.ticketId === ticket.id && e.type === 'ticket.created');
      await act(a, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
      await stream.next((e) => e.ticketId === ticket.id && e.type === 'ticket.changed');
      expect(stream.events.filter((e) => e.ticketId === ticket.id).map((e) => e.type)).toEqual([
        'ticket.created',
        'ticket.changed',
      ]);
    });
  });
});
