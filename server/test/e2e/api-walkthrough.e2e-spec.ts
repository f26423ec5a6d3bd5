import { ICharge, IMe, IPage, ITicket } from '@app/shared';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { makeTicketWorld, TicketWorld, uploadPhoto, uploadSignature } from './ticket-helpers';

/**
 * docs/api.md "Walkthrough: a paid home repair, from report to charge", step by step with exactly the
 * documented requests (issue 7 item 19). When this fails, fix the API or the walkthrough — never only one.
 */
describe('docs/api.md walkthrough: paid home repair, report → charge', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
  });
  afterAll(() => t.close());

  it('follows the documented requests and answers', async () => {
    const resident = w.residentA.accessToken;
    const tech = w.techs[0];
    const post = (token: string, path: string, body: object = {}) => t.http().post(path).set(bearer(token)).send(body);

    // 1. sign in (the world signed everyone in through /api/auth/*); the resident's house from /api/me
    const me = (await t.http().get('/api/me').set(bearer(resident)).expect(200)).body as IMe;
    const houseId = me.houses[0].houseId;
    // 2. photo
    const photoId = await uploadPhoto(t, resident);
    // 3. report
    const created = (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(resident))
        .set('Idempotency-Key', 'walk-ticket-0001')
        .send({
          houseId,
          kind: 'repair',
          scope: 'home',
          category: 'GS',
          urgency: 'normal',
          description: '厨房水龙头漏水',
          mediaIds: [photoId],
        })
        .expect(201)
    ).body as ITicket;
    expect(created).toMatchObject({ status: 'submitted', paid: true, serial: expect.any(String) });
    const id = created.id;
    // 4. register
    expect((await post(w.cm, `/api/tickets/${id}/register`, { priceExplained: true }).expect(200)).body.status).toBe(
      'registered',
    );
    // 5. dispatch, choosing from the project's technicians
    const techs = (
      await t.http().get(`/api/property/projects/${created.projectId}/technicians`).set(bearer(w.sup)).expect(200)
    ).body as { userId: number }[];
    expect(techs.map((x) => x.userId)).toContain(tech.id);
    expect((await post(w.sup, `/api/tickets/${id}/dispatch`, { technicianId: tech.id }).expect(200)).body.status).toBe(
      'dispatched',
    );
    // 6. accept
    expect(
      (
        await post(tech.token, `/api/tickets/${id}/accept`, {
          visitAt: new Date(Date.now() + 3_600_000).toISOString(),
        }).expect(200)
      ).body.status,
    ).toBe('accepted');
    // 7. check in
    expect((await post(tech.token, `/api/tickets/${id}/check-in`, {}).expect(200)).body.status).toBe('on_site');
    // 8. quote from the schedule in force
    await t.http().get(`/api/public/fee-schedule?projectId=${created.projectId}`).expect(200);
    const quoted = (
      await post(tech.token, `/api/tickets/${id}/quote`, { items: [{ code: 'GS-001', quantityMilli: 1000 }] }).expect(
        200,
      )
    ).body as ITicket;
    expect(quoted).toMatchObject({
      status: 'quoted',
      quote: { totalFen: 2000, snapshotHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    // 9. agree with a signature
    const sigId = await uploadSignature(t, resident);
    const agreed = (
      await post(resident, `/api/tickets/${id}/agree`, {
        signatureMediaId: sigId,
        signerName: '张伟',
        relation: 'owner',
        snapshotHash: quoted.quote!.snapshotHash,
      }).expect(200)
    ).body as ITicket;
    expect(agreed).toMatchObject({ status: 'in_progress', agreedTotalFen: 2000 });
    // 10. complete with an after-photo
    const afterPhotoId = await uploadPhoto(t, tech.token);
    expect(
      (
        await post(tech.token, `/api/tickets/${id}/complete`, {
          result: '已更换水龙头，试水无渗漏',
          mediaIds: [afterPhotoId],
        }).expect(200)
      ).body.status,
    ).toBe('done');
    const done = (await t.http().get(`/api/tickets/${id}`).set(bearer(resident)).expect(200)).body as ITicket;
    expect(done.acceptanceSnapshotHash).toMatch(/^[0-9a-f]{64}$/);
    // 11. verify: the acceptance hash goes in `snapshotHash`
    const sigId2 = await uploadSignature(t, resident);
    const verified = (
      await post(resident, `/api/tickets/${id}/verify`, {
        overall: 5,
        punctuality: 4,
        attitude: 5,
        comment: '很及时',
        signatureMediaId: sigId2,
        signerName: '张伟',
        relation: 'owner',
        snapshotHash: done.acceptanceSnapshotHash,
      }).expect(200)
    ).body as ITicket;
    expect(verified.status).toBe('verified');
    // 12. the charge
    const mine = (await t.http().get('/api/charges/mine').set(bearer(resident)).expect(200)).body as IPage<ICharge>;
    expect(mine).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    const charge = mine.items.find((c) => c.ticketId === id);
    expect(charge).toMatchObject({ totalFen: 2000, status: 'open' });
    expect(
      (
        await t
          .http()
          .patch(`/api/charges/${charge!.id}/payment-method`)
          .set(bearer(resident))
          .send({ paymentMethod: 'bill' })
          .expect(200)
      ).body.paymentMethod,
    ).toBe('bill');
    const staffList = (await t.http().get(`/api/charges?projectId=${created.projectId}`).set(bearer(w.cm)).expect(200))
      .body as { items: ICharge[] };
    expect(staffList.items.map((c) => c.id)).toContain(charge!.id);
    // then: return visit and close
    expect(
      (
        await post(w.cm, `/api/tickets/${id}/return-visit`, { result: '电话回访，业主满意', satisfied: true }).expect(
          200,
        )
      ).body.status,
    ).toBe('visited');
    expect((await post(w.cm, `/api/tickets/${id}/close`).expect(200)).body.status).toBe('closed');
  });
});
