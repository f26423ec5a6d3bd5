import { type ICashierPaymentResult, type IPage, type IPayables, type IPrepayLedgerEntry } from '@app/shared';
import { runInTransaction } from '../../src/database/transactions';
import { Bill } from '../../src/modules/billing/billing.entity';
import { CashierCollection } from '../../src/modules/payments/cashier/cashier-collection.entity';
import { Payment, Receipt } from '../../src/modules/payments/payments.entity';
import { PrepayLedgerEntry } from '../../src/modules/prepay/prepay.entity';
import { PrepayService } from '../../src/modules/prepay/prepay.service';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { makePayWorld, PayWorld } from './payments-helpers';

/**
 * The desk's 预存抵扣 tender (docs/cashier.md): payables answer the real balance; a split between cash and the
 * account records a confirmed `prepaid` payment whose debit is a `settle` line in the ledger, in the same
 * transaction; spending more than the balance is 409 with the balance and writes nothing.
 */
describe('cashier desk: 预存抵扣', () => {
  let t: TestApp;
  let w: PayWorld;
  let keyNo = 0;
  const key = () => `e2e-prepaid-${Date.now().toString(36)}-${++keyNo}`;
  const BALANCE = 3000;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makePayWorld(t, 2);
    // Credited directly (no top-up payment), so the auto-settler is not woken and the bill stays open for the desk.
    await runInTransaction(t.db, (tx) =>
      t.app.get(PrepayService).credit(tx, {
        houseId: w.houseId,
        amountFen: BALANCE,
        kind: 'topup',
        paymentId: null,
        note: 'E2E',
        ref: `e2e:desk:${w.houseId}`,
        actorId: null,
      }),
    );
  });
  afterAll(() => t.close());

  const payables = async () =>
    (await t.http().get('/api/cashier/payables').query({ houseId: w.houseId }).set(bearer(w.cashier.token)).expect(200))
      .body as IPayables;
  const collect = (body: object) => t.http().post('/api/cashier/payments').set(bearer(w.cashier.token)).send(body);
  const ledger = async () =>
    (
      (
        await t
          .http()
          .get('/api/prepay/ledger')
          .query({ houseId: w.houseId, pageSize: 100 })
          .set(bearer(w.cashier.token))
          .expect(200)
      ).body as IPage<IPrepayLedgerEntry>
    ).items;
  const written = async () => ({
    payments: await t.db.getRepository(Payment).countBy({ houseId: w.houseId }),
    receipts: await t.db.getRepository(Receipt).countBy({ houseId: w.houseId }),
    ledger: await t.db.getRepository(PrepayLedgerEntry).countBy({ houseId: w.houseId }),
    keys: await t.db.getRepository(CashierCollection).countBy({ houseId: w.houseId }),
  });

  it('payables answer the account balance', async () => {
    const p = await payables();
    expect(p.prepayBalanceFen).toBe(BALANCE);
    expect(p.items[0].balanceFen).toBe(w.bill.totalFen);
    expect(w.bill.totalFen).toBeGreaterThan(BALANCE);
  });

  it('spending more than the balance is 409 with the balance, and nothing is written', async () => {
    const before = await written();
    const res = await collect({
      idempotencyKey: key(),
      houseId: w.houseId,
      tenders: [{ method: 'prepaid', amountFen: BALANCE + 1 }],
    }).expect(409);
    expect(res.body.details).toEqual({ balanceFen: BALANCE });
    expect(JSON.stringify(res.body)).toContain('预存余额不足');
    expect(await written()).toEqual(before);
    expect((await payables()).prepayBalanceFen).toBe(BALANCE);
  });

  it('more 预存抵扣 than is owed is refused (it cannot go back into the account)', async () => {
    const p = await payables();
    const res = await collect({
      idempotencyKey: key(),
      houseId: w.houseId,
      topupFen: 1,
      tenders: [
        { method: 'cash', amountFen: p.totalBalanceFen },
        { method: 'prepaid', amountFen: 1 },
      ],
    }).expect(422);
    expect(JSON.stringify(res.body)).toContain('预存抵扣金额不能超过待缴金额');
  });

  it('cash + 预存抵扣 settle the bill: the prepaid payment is confirmed at once and the ledger shows the settle line', async () => {
    const cashFen = w.bill.totalFen - BALANCE;
    const res = await collect({
      idempotencyKey: key(),
      houseId: w.houseId,
      tenders: [
        { method: 'prepaid', amountFen: BALANCE },
        { method: 'cash', amountFen: cashFen },
      ],
    }).expect(200);
    const result = res.body as ICashierPaymentResult;
    expect(result.payments.map((p) => [p.method, p.amountFen, p.status])).toEqual([
      ['prepaid', BALANCE, 'confirmed'],
      ['cash', cashFen, 'pending_approval'],
    ]);
    // The prepaid part is on the bill now; the cash part waits for its second person.
    expect((await t.db.getRepository(Bill).findOneByOrFail({ id: w.bill.id })).paidFen).toBe(BALANCE);
    const [settle] = await ledger();
    expect(settle).toEqual(
      expect.objectContaining({
        kind: 'settle',
        amountFen: -BALANCE,
        balanceAfterFen: 0,
        paymentId: result.payments[0].id,
      }),
    );
    expect(settle.note).toContain(result.receipt.number);
    const after = await payables();
    expect(after.prepayBalanceFen).toBe(0);
    expect(after.items.find((i) => i.id === w.bill.id)?.balanceFen ?? 0).toBe(0);

    // The cash part approved by a second person: the bill is paid in full.
    await t
      .http()
      .post(`/api/cashier/payments/${result.payments[1].id}/decision`)
      .set(bearer(w.approver.token))
      .send({ approve: true })
      .expect(200);
    const paid = await t.db.getRepository(Bill).findOneByOrFail({ id: w.bill.id });
    expect(paid.paidFen).toBe(paid.totalFen);
  });
});
