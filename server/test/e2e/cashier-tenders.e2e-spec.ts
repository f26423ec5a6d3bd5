import { type ICashierPaymentResult, type IPayment } from '@app/shared';
import { Bill } from '../../src/modules/billing/billing.entity';
import { Charge } from '../../src/modules/charges/charge.entity';
import { ChargesService } from '../../src/modules/charges/charges.service';
import { Payment } from '../../src/modules/payments/payments.entity';
import { makeVerifiedTicket } from '../support/factories';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { deskCalls } from './cashier-desk-helpers';
import { makePayWorld, PayWorld } from './payments-helpers';

/**
 * Issue 10, the cashier desk: what it lists and refuses, and split tenders allocated oldest first over a bill and
 * a pay-now charge (approvals, 付款码, 交班汇总 and receipts: cashier.e2e-spec.ts).
 */
describe('cashier desk: payables, refusals, allocation', () => {
  let t: TestApp;
  let w: PayWorld;
  const { key, payables, collect, decide } = deskCalls(() => ({ t, w }), 'e2e-desk');

  beforeAll(async () => {
    t = await bootTestApp({ WECHATPAY_MODE: 'stand-in' });
    w = await makePayWorld(t, 3);
  });
  afterAll(() => t.close());

  it('lists the house for the desk; a resident and another tenant get nothing', async () => {
    const p = await payables();
    expect(p.items).toEqual([expect.objectContaining({ kind: 'bill', id: w.bill.id, balanceFen: w.bill.totalFen })]);
    await t.http().get('/api/cashier/payables').query({ houseId: w.houseId }).set(bearer(w.resident.token)).expect(403);
    const other = await makePayWorld(t, 2);
    await t
      .http()
      .get('/api/cashier/payables')
      .query({ houseId: w.houseId })
      .set(bearer(other.cashier.token))
      .expect(404);
  });

  it('refuses in Chinese: over the balance, a transfer without its reference, a malformed 付款码', async () => {
    const over = await collect({
      idempotencyKey: key(),
      houseId: w.houseId,
      tenders: [{ method: 'cash', amountFen: w.bill.totalFen + 1 }],
    }).expect(422);
    expect(JSON.stringify(over.body)).toContain('超过应收');
    const noRef = await collect({
      idempotencyKey: key(),
      houseId: w.houseId,
      tenders: [{ method: 'transfer', amountFen: 100 }],
    }).expect(422);
    expect(JSON.stringify(noRef.body)).toContain('转账流水号');
    const code = await collect({
      idempotencyKey: key(),
      houseId: w.houseId,
      tenders: [{ method: 'wechat_micropay', amountFen: 100, authCode: '99' }],
    }).expect(422);
    expect(JSON.stringify(code.body)).toContain('付款码');
    expect(await t.db.getRepository(Payment).countBy({ houseId: w.houseId })).toBe(0);
  });

  it('split tenders over a bill and a newer pay-now charge: oldest first, each tender onto what the earlier left; chosen targets only', async () => {
    const houseId = w.tenant.houseIds[2];
    const vt = await makeVerifiedTicket(t.db, { projectId: w.tenant.projectId, houseId, technicianId: w.cashier.id });
    const charge = await t.app.get(ChargesService).postForTicket({
      ticketId: vt.id,
      ticketSerial: vt.serial,
      projectId: w.tenant.projectId,
      houseId,
      agreementRef: `quote-agree:${vt.id}`,
      lines: [
        {
          kind: 'labour',
          code: 'GS-001',
          name: '水龙头更换',
          unit: '个',
          unitPriceFen: 3000,
          quantityMilli: 1000,
          amountFen: 3000,
        },
      ],
      actorId: w.cashier.id,
      unconfirmed: false,
    });
    await t.db.getRepository(Charge).update({ id: charge.id }, { paymentMethod: 'pay_now' });
    const open = (await payables(houseId)).items;
    expect(open.map((i) => i.kind)).toEqual(['bill', 'charge']);
    const [houseBill] = open;

    // Only the charge, though the bill is older: chosen targets are respected.
    const chosen = (
      await collect({
        idempotencyKey: key(),
        houseId,
        targets: [{ kind: 'charge', id: charge.id }],
        tenders: [{ method: 'cash', amountFen: 400 }],
      }).expect(200)
    ).body as ICashierPaymentResult;
    expect(chosen.receipt.allocations).toEqual([
      expect.objectContaining({ kind: 'charge', targetId: charge.id, amountFen: 400 }),
    ]);
    const overChosen = await collect({
      idempotencyKey: key(),
      houseId,
      targets: [{ kind: 'charge', id: charge.id }],
      tenders: [{ method: 'cash', amountFen: 2601 }],
    }).expect(422);
    expect(overChosen.body.message).toContain('超过应收');

    // 按时间顺序: cash pays the whole bill and 1,000 of the charge; the transfer continues on the charge.
    const res = (
      await collect({
        idempotencyKey: key(),
        houseId,
        tenders: [
          { method: 'cash', amountFen: houseBill.balanceFen + 1000 },
          { method: 'transfer', amountFen: 500, reference: 'HX-2' },
        ],
      }).expect(200)
    ).body as ICashierPaymentResult;
    const slices = (p: IPayment) => p.allocations.map((a) => [a.kind, a.targetId, a.amountFen]);
    expect(res.payments.map(slices)).toEqual([
      [
        ['bill', houseBill.id, houseBill.balanceFen],
        ['charge', charge.id, 1000],
      ],
      [['charge', charge.id, 500]],
    ]);
    for (const p of [...chosen.payments, ...res.payments]) await decide(p.id, { approve: true }).expect(200);
    expect((await t.db.getRepository(Bill).findOneByOrFail({ id: houseBill.id })).paidFen).toBe(houseBill.totalFen);
    expect((await t.db.getRepository(Charge).findOneByOrFail({ id: charge.id })).paidFen).toBe(1900);
    expect((await payables(houseId)).items).toEqual([
      expect.objectContaining({ kind: 'charge', id: charge.id, balanceFen: 1100 }),
    ]);
  });
});
