import { ErrorCode, ITicket } from '@app/shared';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, sign, TicketWorld, uploadPhoto } from './ticket-helpers';

describe('tickets: lifecycle flows through HTTP as each role', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
  });
  afterAll(() => t.close());

  const get = async (token: string, id: number): Promise<ITicket> =>
    (await t.http().get(`/api/tickets/${id}`).set(bearer(token)).expect(200)).body;

  it('paid home repair: submit with photo → register → grab → accept → check in → quote → signed consent → done → verified with rating → charge → return visit → closed', async () => {
    const created = await createHomeRepair(t, w);
    expect(created).toMatchObject({
      status: 'submitted',
      paid: true,
      houseLabel: '1栋1单元101',
      media: [expect.objectContaining({ url: expect.any(String) })],
    });
    expect(created.serial).toMatch(/^P[0-9a-f]+-\d{6}-\d{4}$/);
    expect(created.actions).toContain('cancel');
    // Residents get masked numbers; the project's staff get the number they need to call.
    expect(created).toMatchObject({
      contactPhone: null,
      contactPhoneMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/),
    });
    expect((await get(w.cm, created.id)).contactPhone).toMatch(/^1\d{10}$/);

    const noExplain = await act(t, w.cm, created.id, 'register', {}).expect(422);
    expect(noExplain.body.details.fields[0].field).toBe('priceExplained');
    const registered = (await act(t, w.cm, created.id, 'register', { priceExplained: true }).expect(200))
      .body as ITicket;
    expect(registered).toMatchObject({ status: 'registered', poolOpen: true });

    const pool = await t.http().get('/api/tickets/jobs/pool').set(bearer(w.techs[0].token)).expect(200);
    expect(pool.body.items.map((x: ITicket) => x.id)).toContain(created.id);
    const outsiderPool = await t.http().get('/api/tickets/jobs/pool').set(bearer(w.outsiderTech)).expect(200);
    expect(outsiderPool.body).toMatchObject({ items: [], total: 0 });

    const grabbed = (await act(t, w.techs[0].token, created.id, 'grab').expect(200)).body as ITicket;
    expect(grabbed).toMatchObject({ status: 'dispatched', technician: { userId: w.techs[0].id } });
    await act(t, w.techs[1].token, created.id, 'grab').expect(409);
    await act(t, w.techs[0].token, created.id, 'accept', {
      visitAt: new Date(Date.now() + 7200_000).toISOString(),
    }).expect(200);
    await act(t, w.techs[0].token, created.id, 'check-in', {
      mediaIds: [await uploadPhoto(t, w.techs[0].token)],
    }).expect(200);
    const quoted = (
      await act(t, w.techs[0].token, created.id, 'quote', {
        items: [
          { code: 'GS-001', quantityMilli: 2000 },
          { code: 'GS-005', quantityMilli: 1000 },
        ],
      }).expect(200)
    ).body as ITicket;
    expect(quoted.quote).toMatchObject({
      status: 'pending',
      totalFen: 10000,
      snapshotHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const residentView = await get(w.residentA.accessToken, created.id);
    expect(residentView.actions).toEqual(expect.arrayContaining(['agree_quote', 'decline_quote', 'cancel']));
    const stale = await act(
      t,
      w.residentA.accessToken,
      created.id,
      'agree',
      await sign(t, w.residentA.accessToken, 'f'.repeat(64)),
    ).expect(409);
    expect(stale.body.code).toBe(ErrorCode.QuoteChanged);
    const agreed = (
      await act(
        t,
        w.residentA.accessToken,
        created.id,
        'agree',
        await sign(t, w.residentA.accessToken, quoted.quote!.snapshotHash),
      ).expect(200)
    ).body as ITicket;
    expect(agreed).toMatchObject({ status: 'in_progress', agreedTotalFen: 10000 });
    expect(agreed.signatures[0]).toMatchObject({
      purpose: 'quote_agreement',
      signerName: '张伟',
      collectedByTechnician: false,
    });

    const noPhoto = await act(t, w.techs[0].token, created.id, 'complete', { result: '已更换', mediaIds: [] }).expect(
      422,
    );
    expect(noPhoto.body.details.fields[0].field).toBe('mediaIds');
    const done = (
      await act(t, w.techs[0].token, created.id, 'complete', {
        result: '已更换水龙头，试水无渗漏',
        mediaIds: [await uploadPhoto(t, w.techs[0].token)],
      }).expect(200)
    ).body as ITicket;
    expect(done.status).toBe('done');
    const beforeVerify = await get(w.residentA.accessToken, created.id);
    expect(beforeVerify.acceptanceSnapshotHash).toMatch(/^[0-9a-f]{64}$/);
    const unsigned = await act(t, w.residentA.accessToken, created.id, 'verify', {
      overall: 5,
      punctuality: 5,
      attitude: 5,
    }).expect(422);
    expect(unsigned.body.details.fields[0].field).toBe('signatureMediaId');
    const badRating = await act(t, w.residentA.accessToken, created.id, 'verify', {
      overall: 6,
      punctuality: 0,
      attitude: 5,
    }).expect(422);
    expect(badRating.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['overall', 'punctuality']),
    );
    const verified = (
      await act(t, w.residentA.accessToken, created.id, 'verify', {
        overall: 5,
        punctuality: 4,
        attitude: 5,
        comment: '师傅很专业',
        ...(await sign(t, w.residentA.accessToken, beforeVerify.acceptanceSnapshotHash!)),
      }).expect(200)
    ).body as ITicket;
    expect(verified).toMatchObject({
      status: 'verified',
      ratings: { overall: 5, punctuality: 4, attitude: 5 },
      chargeId: expect.any(Number),
    });

    const charge = await t
      .http()
      .get(`/api/charges/${verified.chargeId}`)
      .set(bearer(w.residentA.accessToken))
      .expect(200);
    expect(charge.body).toMatchObject({
      totalFen: 10000,
      ticketSerial: created.serial,
      agreementRef: expect.stringMatching(/^signature:\d+$/),
      status: 'open',
    });
    await act(t, w.cm, created.id, 'return-visit', { result: '电话回访，业主满意', satisfied: true }).expect(200);
    const closed = (await act(t, w.cm, created.id, 'close').expect(200)).body as ITicket;
    expect(closed.status).toBe('closed');
    await act(t, w.cm, created.id, 'cancel', { reason: '晚了' }).expect(409);

    const timeline = await t.http().get(`/api/tickets/${created.id}/timeline`).set(bearer(w.cm)).expect(200);
    expect(timeline.body.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'register',
      'grab',
      'accept',
      'check_in',
      'quote',
      'agree_quote',
      'complete',
      'verify',
      'return_visit',
      'close',
    ]);
    const inbox = await t.http().get('/api/inbox').set(bearer(w.residentA.accessToken)).expect(200);
    expect(inbox.body.items.map((m: { kind: string }) => m.kind)).toEqual(
      expect.arrayContaining(['ticket.registered', 'ticket.technician_assigned', 'ticket.quoted', 'ticket.done']),
    );
  });

  it('public repair needs no quote and posts no charge; the customer manager accepts it, not the technician', async () => {
    const created = (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(w.cm))
        .send({
          projectId: w.tenant.projectId,
          kind: 'repair',
          scope: 'public',
          category: 'GD',
          urgency: 'emergency',
          description: '3 楼楼道灯不亮',
          channel: 'phone',
          contactName: '李阿姨',
          contactPhone: '13811110000',
        })
        .expect(201)
    ).body as ITicket;
    expect(created).toMatchObject({
      paid: false,
      channel: 'phone',
      houseId: null,
      contactPhone: '13811110000',
      contactPhoneMasked: '138****0000',
    });
    await act(t, w.cm, created.id, 'register').expect(200);
    await act(t, w.sup, created.id, 'dispatch', { technicianId: w.techs[1].id }).expect(200);
    const tech = w.techs[1].token;
    await act(t, tech, created.id, 'accept', { visitAt: new Date(Date.now() + 600_000).toISOString() }).expect(200);
    await act(t, tech, created.id, 'check-in').expect(200);
    await act(t, tech, created.id, 'quote', { items: [{ code: 'GD-003', quantityMilli: 1000 }] }).expect(422);
    await act(t, tech, created.id, 'start').expect(200);
    const done = (
      await act(t, tech, created.id, 'complete', { result: '更换灯泡', mediaIds: [await uploadPhoto(t, tech)] }).expect(
        200,
      )
    ).body as ITicket;
    const hash = (await get(tech, done.id)).acceptanceSnapshotHash!;
    // The technician cannot accept their own public work, even with an owner-relation signature.
    expect((await get(tech, done.id)).actions).not.toContain('verify');
    const byTech = await act(t, tech, created.id, 'verify', {
      overall: 4,
      punctuality: 5,
      attitude: 5,
      ...(await sign(t, tech, hash, '李阿姨', 'owner')),
    }).expect(403);
    expect(byTech.body.code).toBe(ErrorCode.Forbidden);
    await act(t, w.outsiderCm, created.id, 'verify', { overall: 4, punctuality: 5, attitude: 5 }).expect(404);
    expect((await get(w.cm, done.id)).actions).toContain('verify');
    const noRelation = await act(t, w.cm, created.id, 'verify', {
      overall: 4,
      punctuality: 5,
      attitude: 5,
      signerName: '李阿姨',
    }).expect(422);
    expect(noRelation.body.details.fields[0].field).toBe('representativeRelation');
    const noRating = await act(t, w.cm, created.id, 'verify', { punctuality: 5, attitude: 5 }).expect(422);
    expect(noRating.body.details.fields[0].field).toBe('overall');
    const verified = (
      await act(t, w.cm, created.id, 'verify', {
        overall: 4,
        punctuality: 5,
        attitude: 5,
        signerName: '李阿姨',
        representativeRelation: '楼长',
      }).expect(200)
    ).body as ITicket;
    expect(verified).toMatchObject({
      status: 'verified',
      chargeId: null,
      chargeConfirmation: null,
      ratings: { overall: 4 },
    });
    const timeline = await t.http().get(`/api/tickets/${created.id}/timeline`).set(bearer(w.cm)).expect(200);
    expect(timeline.body.at(-1)).toMatchObject({
      action: 'verify',
      actorRole: 'customer_manager',
      reason: '楼栋代表 李阿姨（楼长）验收',
    });
  });
});
