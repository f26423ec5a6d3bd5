import { ErrorCode, ICharge, IQuoteLine } from '@app/shared';
import { Charge } from '../../src/modules/charges/charge.entity';
import { Tenant } from '../support/factories';
import { bearer, TestApp } from '../support/test-app';
import { bootChargesFixture, chargeSteps, labour } from '../support/charges-fixture';

describe('charges: posting, access, cash on site, hand-over', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let tok: Record<string, string>;
  let ids: Record<string, number>;
  let ticketSeq = Math.floor(Math.random() * 1e6) * 100;
  const { post, audits, http } = chargeSteps(() => ({ t, a, b, tok, ids }));

  beforeAll(async () => {
    ({ t, a, b, tok, ids } = await bootChargesFixture());
  });
  afterAll(() => t.close());

  it('posts exactly one charge per ticket under 20 concurrent calls, with one audit row', async () => {
    const ticketId = ++ticketSeq;
    const lines = [
      labour(3000, 1500),
      {
        kind: 'call_out',
        code: 'GD-001',
        name: '上门费',
        unit: '次',
        unitPriceFen: 1000,
        quantityMilli: 1000,
        amountFen: 1000,
      } as IQuoteLine,
    ];
    const results = await Promise.all(Array.from({ length: 20 }, () => post(lines, { ticketId })));
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect(await t.db.getRepository(Charge).countBy({ sourceKey: `ticket:${ticketId}` })).toBe(1);
    expect(await audits('charge.post', results[0].id)).toHaveLength(1);
    expect(results[0]).toMatchObject({
      totalFen: 5500,
      status: 'open',
      paymentMethod: 'bill',
      houseLabel: '1栋1单元101',
      ticketId,
    });
    expect(results[0].lines.map((l) => [l.kind, l.amountFen, l.scheduleVersionId])).toEqual([
      ['labour', 4500, 7],
      ['call_out', 1000, 7],
    ]);
  });

  it('refuses to post without a resident agreement, or with lines that do not add up', async () => {
    const ticketId = ++ticketSeq;
    await expect(post([labour(1000)], { ticketId, agreementRef: '  ' })).rejects.toMatchObject({
      code: ErrorCode.AgreementRequired,
      status: 422,
    });
    await expect(post([{ ...labour(1000), amountFen: 999 }], { ticketId })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
    expect(await t.db.getRepository(Charge).countBy({ sourceKey: `ticket:${ticketId}` })).toBe(0);
  });

  it('keeps charges to the house’s residents and the project’s staff (404 otherwise)', async () => {
    const charge = await post([labour(2000)]);
    const got = await http().get(`/api/charges/${charge.id}`).set(bearer(tok.res)).expect(200);
    expect(got.body).toMatchObject({ id: charge.id, totalFen: 2000 });
    await http().get(`/api/charges/${charge.id}`).set(bearer(tok.res2)).expect(404);
    await http().get(`/api/charges/${charge.id}`).set(bearer(tok.pmB)).expect(404);
    await http().get(`/api/charges/${charge.id}`).set(bearer(tok.cm)).expect(200);
    const mine = await http().get('/api/charges/mine').set(bearer(tok.res2)).expect(200);
    expect(mine.body.items.map((c: ICharge) => c.id)).not.toContain(charge.id);
    const listA = await http().get(`/api/charges?projectId=${a.projectId}&status=open`).set(bearer(tok.cm)).expect(200);
    expect(listA.body.items.map((c: ICharge) => c.id)).toContain(charge.id);
    const listB = await http().get(`/api/charges?projectId=${a.projectId}`).set(bearer(tok.pmB)).expect(200);
    expect(listB.body.items).toEqual([]);
    await http().get('/api/charges').set(bearer(tok.res)).expect(403);
    await http()
      .patch(`/api/charges/${charge.id}/payment-method`)
      .set(bearer(tok.res2))
      .send({ paymentMethod: 'pay_now' })
      .expect(404);
    const bad = await http()
      .patch(`/api/charges/${charge.id}/payment-method`)
      .set(bearer(tok.res))
      .send({ paymentMethod: 'gold' })
      .expect(422);
    expect(bad.body.details.fields[0].field).toBe('paymentMethod');
    await http().get('/api/charges/abc').set(bearer(tok.cm)).expect(422);
    // Technicians see the money of their own jobs only.
    await http().get(`/api/charges/${charge.id}`).set(bearer(tok.tech)).expect(200);
    await http().get(`/api/charges/${charge.id}`).set(bearer(tok.tech2)).expect(404);
    await http().post(`/api/charges/${charge.id}/cash`).set(bearer(tok.tech2)).expect(404);
    const techList = await http().get(`/api/charges?projectId=${a.projectId}`).set(bearer(tok.tech)).expect(200);
    expect(techList.body.items).toEqual([]);
  });

  it('takes cash on site up to ¥50.00 and refuses more with a clear error, writing nothing', async () => {
    const small = await post([labour(5000)]);
    const big = await post([labour(5001)]);
    const chosen = await http()
      .patch(`/api/charges/${small.id}/payment-method`)
      .set(bearer(tok.res))
      .send({ paymentMethod: 'cash' })
      .expect(200);
    expect(chosen.body.paymentMethod).toBe('cash');
    const refusedChoice = await http()
      .patch(`/api/charges/${big.id}/payment-method`)
      .set(bearer(tok.res))
      .send({ paymentMethod: 'cash' })
      .expect(422);
    expect(refusedChoice.body).toMatchObject({
      code: ErrorCode.CashLimitExceeded,
      message: expect.stringContaining('¥50.00'),
    });

    const refused = await http().post(`/api/charges/${big.id}/cash`).set(bearer(tok.tech)).expect(422);
    expect(refused.body.code).toBe(ErrorCode.CashLimitExceeded);
    expect(await t.db.getRepository(Charge).findOneByOrFail({ id: big.id })).toMatchObject({
      status: 'open',
      paymentMethod: 'bill',
      cashCollectedBy: null,
    });
    expect(await audits('charge.cash_collect', big.id)).toHaveLength(0);

    await http().post(`/api/charges/${small.id}/cash`).set(bearer(tok.cashier)).expect(403);
    await http().post(`/api/charges/${small.id}/cash/confirm`).set(bearer(tok.res)).expect(409);
    const collected = await http().post(`/api/charges/${small.id}/cash`).set(bearer(tok.tech)).expect(200);
    expect(collected.body).toMatchObject({
      status: 'cash_collected',
      paymentMethod: 'cash',
      cashCollectedBy: ids.tech,
    });
    const twice = await http().post(`/api/charges/${small.id}/cash`).set(bearer(tok.tech)).expect(409);
    expect(twice.body).toMatchObject({
      code: ErrorCode.StateConflict,
      details: { current: { status: 'cash_collected' } },
    });

    await http().post(`/api/charges/${small.id}/cash/confirm`).set(bearer(tok.res2)).expect(404);
    const confirmed = await http().post(`/api/charges/${small.id}/cash/confirm`).set(bearer(tok.res)).expect(200);
    expect(confirmed.body.residentConfirmedAt).toEqual(expect.any(String));
    expect(await audits('charge.cash_collect', small.id)).toHaveLength(1);
    expect(await audits('charge.cash_confirm', small.id)).toHaveLength(1);
    expect(await audits('charge.payment_method', small.id)).toHaveLength(1);
  });

  it('lists cash held by technicians until the cashier confirms the hand-over, exactly once', async () => {
    const c1 = await post([labour(1200)]);
    const c2 = await post([labour(800)], { houseId: a.houseIds[1] });
    const other = await post([labour(500)], { technician: 'tech2' });
    // Cash is taken only where the resident chose it in the app.
    for (const [charge, resident] of [
      [c1, tok.res],
      [c2, tok.res2],
      [other, tok.res],
    ] as const) {
      await http()
        .patch(`/api/charges/${charge.id}/payment-method`)
        .set(bearer(resident))
        .send({ paymentMethod: 'cash' })
        .expect(200);
    }
    await http().post(`/api/charges/${c1.id}/cash`).set(bearer(tok.tech)).expect(200);
    await http().post(`/api/charges/${c2.id}/cash`).set(bearer(tok.tech)).expect(200);
    await http().post(`/api/charges/${other.id}/cash`).set(bearer(tok.tech2)).expect(200);

    const outstanding = await http()
      .get(`/api/cash/outstanding?projectId=${a.projectId}`)
      .set(bearer(tok.cashier))
      .expect(200);
    const mineIds = outstanding.body.entries
      .filter((e: { technicianId: number }) => e.technicianId === ids.tech)
      .map((e: { chargeId: number }) => e.chargeId);
    expect(mineIds).toEqual(expect.arrayContaining([c1.id, c2.id]));
    expect(outstanding.body.entries.find((e: { chargeId: number }) => e.chargeId === c1.id)).toMatchObject({
      amountFen: 1200,
      technicianName: expect.any(String),
      houseLabel: '1栋1单元101',
    });
    const techMine = await http().get('/api/cash/mine').set(bearer(tok.tech)).expect(200);
    expect(techMine.body.entries.map((e: { chargeId: number }) => e.chargeId)).toEqual(
      expect.arrayContaining([c1.id, c2.id]),
    );
    expect(techMine.body.entries.map((e: { chargeId: number }) => e.chargeId)).not.toContain(other.id);
    await http().get(`/api/cash/outstanding?projectId=${a.projectId}`).set(bearer(tok.cashierB)).expect(404);

    const handover = (token: string, technicianId: number, chargeIds: unknown) =>
      http().post('/api/cash/handovers').set(bearer(token)).send({ technicianId, chargeIds });
    const wrongTech = await handover(tok.cashier, ids.tech, [c1.id, other.id]).expect(409);
    expect(wrongTech.body.code).toBe(ErrorCode.StateConflict);
    await handover(tok.cashierB, ids.tech, [c1.id]).expect(404);
    await handover(tok.tech, ids.tech, [c1.id]).expect(403);
    const empty = await handover(tok.cashier, ids.tech, []).expect(422);
    expect(empty.body.details.fields[0].field).toBe('chargeIds');
    expect(await t.db.getRepository(Charge).countBy({ status: 'paid', cashCollectedBy: ids.tech2 })).toBe(0);

    const done = await handover(tok.cashier, ids.tech, [c1.id, c2.id]).expect(201);
    expect(done.body).toMatchObject({
      technicianId: ids.tech,
      cashierId: ids.cashier,
      totalFen: 2000,
      chargeIds: [c1.id, c2.id],
    });
    const after = await http()
      .get(`/api/cash/outstanding?projectId=${a.projectId}`)
      .set(bearer(tok.cashier))
      .expect(200);
    const left = after.body.entries.map((e: { chargeId: number }) => e.chargeId);
    expect(left).not.toContain(c1.id);
    expect(left).toContain(other.id);
    expect((await http().get(`/api/charges/${c1.id}`).set(bearer(tok.res)).expect(200)).body).toMatchObject({
      status: 'paid',
      handedOverAt: expect.any(String),
      paidAt: expect.any(String),
    });

    const again = await handover(tok.cashier, ids.tech, [c1.id]).expect(409);
    expect(again.body.details.current[0]).toMatchObject({ id: c1.id, status: 'paid' });
    expect(await audits('cash.handover', c1.id)).toHaveLength(1);
    expect(await audits('cash.handover', c2.id)).toHaveLength(1);
  });
});
