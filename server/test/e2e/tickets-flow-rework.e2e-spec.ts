import { ErrorCode, ITicket } from '@app/shared';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, sign, TicketWorld, toQuoted, uploadPhoto } from './ticket-helpers';

describe('tickets: price rises, rework and rectification through HTTP', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
  });
  afterAll(() => t.close());

  const get = async (token: string, id: number): Promise<ITicket> =>
    (await t.http().get(`/api/tickets/${id}`).set(bearer(token)).expect(200)).body;

  it('a price rise needs a new signed agreement before the job can be completed', async () => {
    const ticket = await toQuoted(t, w, await createHomeRepair(t, w));
    const first = ticket.quote!;
    await act(
      t,
      w.residentA.accessToken,
      ticket.id,
      'agree',
      await sign(t, w.residentA.accessToken, first.snapshotHash),
    ).expect(200);
    const tech = w.techs[0].token;
    const photo = await uploadPhoto(t, tech);
    const higher = await act(t, tech, ticket.id, 'complete', {
      result: '需多换一个',
      mediaIds: [photo],
      items: [
        { code: 'GS-001', quantityMilli: 3000 },
        { code: 'GS-005', quantityMilli: 1000 },
      ],
    }).expect(409);
    expect(higher.body).toMatchObject({
      code: ErrorCode.RequoteRequired,
      details: { agreedTotalFen: 10000, finalTotalFen: 12000 },
    });
    const requoted = (
      await act(t, tech, ticket.id, 'requote', {
        items: [
          { code: 'GS-001', quantityMilli: 3000 },
          { code: 'GS-005', quantityMilli: 1000 },
        ],
      }).expect(200)
    ).body as ITicket;
    expect(requoted).toMatchObject({ status: 'quoted', agreedTotalFen: null, quote: { totalFen: 12000 } });
    await act(t, tech, ticket.id, 'complete', { result: 'x', mediaIds: [photo] }).expect(409);
    await act(
      t,
      w.residentA.accessToken,
      ticket.id,
      'agree',
      await sign(t, w.residentA.accessToken, requoted.quote!.snapshotHash),
    ).expect(200);
    const done = (
      await act(t, tech, ticket.id, 'complete', {
        result: '换了三个',
        mediaIds: [photo],
        items: [
          { code: 'GS-001', quantityMilli: 3000 },
          { code: 'GS-005', quantityMilli: 1000 },
        ],
      }).expect(200)
    ).body as ITicket;
    const hash = (await get(w.residentA.accessToken, done.id)).acceptanceSnapshotHash!;
    const verified = (
      await act(t, w.residentA.accessToken, ticket.id, 'verify', {
        overall: 5,
        punctuality: 5,
        attitude: 5,
        ...(await sign(t, w.residentA.accessToken, hash)),
      }).expect(200)
    ).body as ITicket;
    const charge = await t.http().get(`/api/charges/${verified.chargeId}`).set(bearer(w.cm)).expect(200);
    expect(charge.body.totalFen).toBe(12000);
  });

  it('rework, and a failed rework escalates to the project manager', async () => {
    const ticket = await toQuoted(t, w, await createHomeRepair(t, w));
    await act(
      t,
      w.residentA.accessToken,
      ticket.id,
      'agree',
      await sign(t, w.residentA.accessToken, ticket.quote!.snapshotHash),
    ).expect(200);
    const tech = w.techs[0].token;
    await act(t, tech, ticket.id, 'complete', { result: '修好了', mediaIds: [await uploadPhoto(t, tech)] }).expect(200);
    const noReason = await act(t, w.residentA.accessToken, ticket.id, 'rework', {}).expect(422);
    expect(noReason.body.details.fields[0].field).toBe('reason');
    const first = (await act(t, w.residentA.accessToken, ticket.id, 'rework', { reason: '还在滴水' }).expect(200))
      .body as ITicket;
    expect(first).toMatchObject({ status: 'in_progress', reworkCount: 1, escalated: false });
    await act(t, tech, ticket.id, 'complete', { result: '重新密封', mediaIds: [await uploadPhoto(t, tech)] }).expect(
      200,
    );
    const second = (await act(t, w.residentA.accessToken, ticket.id, 'rework', { reason: '依然漏水' }).expect(200))
      .body as ITicket;
    expect(second).toMatchObject({ reworkCount: 2, escalated: true });
    const escalated = await t
      .http()
      .get(`/api/tickets/escalated?projectId=${w.tenant.projectId}`)
      .set(bearer(w.pm))
      .expect(200);
    expect(escalated.body.items.map((x: ITicket) => x.id)).toContain(ticket.id);
    const pmInbox = await t.http().get('/api/inbox?unread=true').set(bearer(w.pm)).expect(200);
    expect(
      pmInbox.body.items.some(
        (m: { kind: string; ticketId: number }) => m.kind === 'ticket.escalated' && m.ticketId === ticket.id,
      ),
    ).toBe(true);
    await t.http().get(`/api/tickets/escalated?projectId=${w.tenant.projectId}`).set(bearer(w.cm)).expect(403);
    await act(t, w.pm, ticket.id, 'damage', { description: '施工划伤橱柜', compensationFen: 15000 }).expect(200);
    const audit = await t.db.query('SELECT action FROM audit_entries WHERE entity_type = ? AND entity_id = ?', [
      'ticket',
      ticket.id,
    ]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['ticket.damage']);
  });

  it('an unsatisfied return visit opens a rectification task and allows rework', async () => {
    const ticket = await toQuoted(t, w, await createHomeRepair(t, w));
    await act(
      t,
      w.residentA.accessToken,
      ticket.id,
      'agree',
      await sign(t, w.residentA.accessToken, ticket.quote!.snapshotHash),
    ).expect(200);
    const done = (
      await act(t, w.techs[0].token, ticket.id, 'complete', {
        result: '好了',
        mediaIds: [await uploadPhoto(t, w.techs[0].token)],
      }).expect(200)
    ).body as ITicket;
    const hash = (await get(w.residentA.accessToken, done.id)).acceptanceSnapshotHash!;
    await act(t, w.residentA.accessToken, ticket.id, 'verify', {
      overall: 2,
      punctuality: 3,
      attitude: 2,
      ...(await sign(t, w.residentA.accessToken, hash)),
    }).expect(200);
    await act(t, w.cm, ticket.id, 'return-visit', { result: '业主反映仍有异响', satisfied: false }).expect(200);
    const tasks = await t
      .http()
      .get(`/api/rectifications?projectId=${w.tenant.projectId}`)
      .set(bearer(w.pm))
      .expect(200);
    const task = tasks.body.items.find((x: { ticketId: number }) => x.ticketId === ticket.id);
    expect(task).toMatchObject({ status: 'open', reason: '业主反映仍有异响' });
    const rework = (await act(t, w.cm, ticket.id, 'rework', { reason: '回访不满意，安排返修' }).expect(200))
      .body as ITicket;
    expect(rework.status).toBe('in_progress');
    await t
      .http()
      .post(`/api/rectifications/${task.id}/resolve`)
      .set(bearer(w.pm))
      .send({ note: '已安排返修并致歉' })
      .expect(204);
    await t.http().post(`/api/rectifications/${task.id}/resolve`).set(bearer(w.pm)).send({ note: '再次' }).expect(409);
  });
});
