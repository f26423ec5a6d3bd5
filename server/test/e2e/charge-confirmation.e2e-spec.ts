import { ErrorCode, ICharge, ITicket } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, sign, TicketWorld, toQuoted, uploadPhoto } from './ticket-helpers';

/**
 * docs/domain.md §4 "Signatures on a staff device": a technician alone never creates a billable charge;
 * cash needs the resident's choice; counter sales only sell counter items; one image, one use.
 */
describe('charges: confirmation of staff-device signatures and the cash choice', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
  });
  afterAll(() => t.close());

  const get = async (token: string, id: number) =>
    (await t.http().get(`/api/tickets/${id}`).set(bearer(token)).expect(200)).body as ITicket;
  const charge = (token: string, id: number) => t.http().get(`/api/charges/${id}`).set(bearer(token));
  const audits = (action: string, entityId: number) =>
    t.db.getRepository(AuditEntry).find({ where: { action, entityId } });

  /** A home repair quoted at ¥40.00 (cash-collectable) and driven to verified; who signs what is up to the caller. */
  async function verifiedRepair(signers: {
    agree: 'resident' | 'tech';
    verify: 'resident' | 'tech';
  }): Promise<ITicket> {
    const tech = w.techs[0];
    const created = await createHomeRepair(t, w);
    await act(t, w.cm, created.id, 'register', { priceExplained: true }).expect(200);
    await act(t, tech.token, created.id, 'grab').expect(200);
    await act(t, tech.token, created.id, 'accept', { visitAt: new Date(Date.now() + 3600_000).toISOString() }).expect(
      200,
    );
    await act(t, tech.token, created.id, 'check-in').expect(200);
    const quoted = (
      await act(t, tech.token, created.id, 'quote', { items: [{ code: 'GS-001', quantityMilli: 2000 }] }).expect(200)
    ).body as ITicket;
    const agreeToken = signers.agree === 'tech' ? tech.token : w.residentA.accessToken;
    await act(
      t,
      agreeToken,
      created.id,
      'agree',
      await sign(t, agreeToken, quoted.quote!.snapshotHash, '张伟', 'owner'),
    ).expect(200);
    await act(t, tech.token, created.id, 'complete', {
      result: '已更换',
      mediaIds: [await uploadPhoto(t, tech.token)],
    }).expect(200);
    const hash = (await get(w.residentA.accessToken, created.id)).acceptanceSnapshotHash!;
    const verifyToken = signers.verify === 'tech' ? tech.token : w.residentA.accessToken;
    return (
      await act(t, verifyToken, created.id, 'verify', {
        overall: 5,
        punctuality: 4,
        attitude: 5,
        ...(await sign(t, verifyToken, hash)),
      }).expect(200)
    ).body;
  }

  it('technician-signed quote and acceptance: the charge is unconfirmed, no cash, no payment choice, no waiver, until the resident confirms', async () => {
    const verified = await verifiedRepair({ agree: 'tech', verify: 'tech' });
    expect(verified).toMatchObject({
      status: 'verified',
      chargeId: expect.any(Number),
      chargeConfirmation: 'unconfirmed',
    });
    const id = verified.chargeId!;
    expect((await charge(w.residentA.accessToken, id).expect(200)).body).toMatchObject({
      totalFen: 4000,
      status: 'open',
      confirmation: 'unconfirmed',
      confirmedVia: null,
      confirmedAt: null,
    });
    expect((await get(w.residentA.accessToken, verified.id)).chargeConfirmation).toBe('unconfirmed');
    const listed = await t
      .http()
      .get(`/api/charges?projectId=${w.tenant.projectId}&confirmation=unconfirmed`)
      .set(bearer(w.cm))
      .expect(200);
    expect(listed.body.items.map((c: ICharge) => c.id)).toContain(id);

    const cash = await t.http().post(`/api/charges/${id}/cash`).set(bearer(w.techs[0].token)).expect(409);
    expect(cash.body).toMatchObject({ code: ErrorCode.ChargeUnconfirmed, message: expect.stringContaining('业主') });
    const choice = await t
      .http()
      .patch(`/api/charges/${id}/payment-method`)
      .set(bearer(w.residentA.accessToken))
      .send({ paymentMethod: 'cash' })
      .expect(409);
    expect(choice.body.code).toBe(ErrorCode.ChargeUnconfirmed);
    await t
      .http()
      .post(`/api/charges/${id}/cash/phone-choice`)
      .set(bearer(w.cm))
      .send({ note: '业主电话说付现金' })
      .expect(409);
    const waive = await t
      .http()
      .post(`/api/charges/${id}/waive`)
      .set(bearer(w.pm))
      .send({ reason: '致歉' })
      .expect(409);
    expect(waive.body.code).toBe(ErrorCode.ChargeUnconfirmed);

    // Only the house's resident confirms in the app; the technician, another resident, other projects cannot.
    await t.http().post(`/api/charges/${id}/confirm`).set(bearer(w.residentB.accessToken)).expect(404);
    await t.http().post(`/api/charges/${id}/confirm`).set(bearer(w.techs[0].token)).expect(404);
    await t
      .http()
      .post(`/api/charges/${id}/phone-confirmation`)
      .set(bearer(w.outsiderCm))
      .send({ note: '电话确认' })
      .expect(404);
    await t
      .http()
      .post(`/api/charges/${id}/phone-confirmation`)
      .set(bearer(w.techs[0].token))
      .send({ note: '电话确认' })
      .expect(403);
    expect((await charge(w.cm, id).expect(200)).body.confirmation).toBe('unconfirmed');

    const confirmed = await t
      .http()
      .post(`/api/charges/${id}/confirm`)
      .set(bearer(w.residentA.accessToken))
      .expect(200);
    expect(confirmed.body).toMatchObject({
      confirmation: 'confirmed',
      confirmedVia: 'resident_app',
      confirmedBy: w.residentA.user.id,
      confirmedAt: expect.any(String),
    });
    await t.http().post(`/api/charges/${id}/confirm`).set(bearer(w.residentA.accessToken)).expect(200);
    expect(await audits('charge.confirm', id)).toEqual([expect.objectContaining({ actorId: w.residentA.user.id })]);
    expect((await get(w.cm, verified.id)).chargeConfirmation).toBe('confirmed');

    // Now the resident may choose cash and the technician may take it.
    await t
      .http()
      .patch(`/api/charges/${id}/payment-method`)
      .set(bearer(w.residentA.accessToken))
      .send({ paymentMethod: 'cash' })
      .expect(200);
    expect((await t.http().post(`/api/charges/${id}/cash`).set(bearer(w.techs[0].token)).expect(200)).body.status).toBe(
      'cash_collected',
    );
  });

  it('quote agreed on the technician’s phone keeps the charge unconfirmed even when the resident signs acceptance', async () => {
    const verified = await verifiedRepair({ agree: 'tech', verify: 'resident' });
    expect(verified.chargeConfirmation).toBe('unconfirmed');
    const byResident = await verifiedRepair({ agree: 'resident', verify: 'tech' });
    expect(byResident.chargeConfirmation).toBe('unconfirmed');
  });

  it('resident-signed quote and acceptance: the charge is confirmed at once', async () => {
    const verified = await verifiedRepair({ agree: 'resident', verify: 'resident' });
    expect(verified.chargeConfirmation).toBe('confirmed');
    expect((await charge(w.residentA.accessToken, verified.chargeId!).expect(200)).body).toMatchObject({
      confirmation: 'confirmed',
      confirmedVia: 'resident_signature',
      confirmedAt: expect.any(String),
    });
    await t
      .http()
      .post(`/api/charges/${verified.chargeId}/phone-confirmation`)
      .set(bearer(w.cm))
      .send({ note: '多余' })
      .expect(409);
  });

  it('call-out fee on a decline signed on the technician’s phone: the customer manager records the resident’s phone confirmation', async () => {
    const ticket = await toQuoted(t, w, await createHomeRepair(t, w));
    const tech = w.techs[0].token;
    const declined = (
      await act(t, tech, ticket.id, 'decline-quote', {
        reason: '太贵了',
        ...(await sign(t, tech, ticket.quote!.snapshotHash)),
      }).expect(200)
    ).body as ITicket;
    expect(declined).toMatchObject({ status: 'cancelled', chargeConfirmation: 'unconfirmed' });
    const id = declined.chargeId!;
    const inbox = await t.http().get('/api/inbox').set(bearer(w.residentA.accessToken)).expect(200);
    expect(inbox.body.items.map((m: { kind: string }) => m.kind)).toContain('charge.confirm_needed');

    const noNote = await t
      .http()
      .post(`/api/charges/${id}/phone-confirmation`)
      .set(bearer(w.cm))
      .send({ note: '   ' })
      .expect(422);
    expect(noNote.body.details.fields[0].field).toBe('note');
    const confirmed = await t
      .http()
      .post(`/api/charges/${id}/phone-confirmation`)
      .set(bearer(w.cm))
      .send({ note: '回访电话中业主确认上门费' })
      .expect(200);
    expect(confirmed.body).toMatchObject({
      totalFen: 1000,
      confirmation: 'confirmed',
      confirmedVia: 'phone_by_customer_manager',
      confirmationNote: '回访电话中业主确认上门费',
    });
    await t.http().post(`/api/charges/${id}/phone-confirmation`).set(bearer(w.cm)).send({ note: '再次' }).expect(409);
    expect(await audits('charge.confirm', id)).toEqual([
      expect.objectContaining({ reason: '回访电话中业主确认上门费' }),
    ]);
  });

  it('cash on site needs the resident’s choice (in the app, or recorded by the customer manager from a call)', async () => {
    const left = await verifiedRepair({ agree: 'resident', verify: 'resident' });
    const id = left.chargeId!;
    const refused = await t.http().post(`/api/charges/${id}/cash`).set(bearer(w.techs[0].token)).expect(409);
    expect(refused.body).toMatchObject({ code: ErrorCode.CashNotChosen, details: { paymentMethod: 'bill' } });
    expect(await audits('charge.cash_collect', id)).toHaveLength(0);

    await t
      .http()
      .post(`/api/charges/${id}/cash/phone-choice`)
      .set(bearer(w.techs[0].token))
      .send({ note: 'x' })
      .expect(403);
    const noNote = await t.http().post(`/api/charges/${id}/cash/phone-choice`).set(bearer(w.cm)).send({}).expect(422);
    expect(noNote.body.details.fields[0].field).toBe('note');
    const chosen = await t
      .http()
      .post(`/api/charges/${id}/cash/phone-choice`)
      .set(bearer(w.cm))
      .send({ note: '业主来电选择现金' })
      .expect(200);
    expect(chosen.body.paymentMethod).toBe('cash');
    expect(await audits('charge.payment_method', id)).toEqual([
      expect.objectContaining({ actorId: expect.any(Number), reason: '业主来电选择现金' }),
    ]);
    expect(
      (await t.http().post(`/api/charges/${id}/cash`).set(bearer(w.techs[0].token)).expect(200)).body,
    ).toMatchObject({ status: 'cash_collected' });
  });
});
