import type { ICashierPaymentResult, IPage, IPayables, IPayment, IPayOrder } from '@app/shared';
import { Bill } from '../../src/modules/billing/billing.entity';
import { PayOrder, Receipt } from '../../src/modules/payments/payments.entity';
import type { WechatPayStandIn } from '../../src/modules/wechat-pay/stand-in/wechatpay-stand-in';
import { bearer, TestApp } from '../support/test-app';
import { makePayWorld, PayWorld } from './payments-helpers';
import { bootPayApp } from './payments-wechat-helpers';

const until = async (check: () => Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** Issue 10 "done when": a partial cashier payment plus a WeChat payment settle one bill (the server listening, the stand-in notifying it). */
describe('cashier + WeChat Pay on one bill', () => {
  let t: TestApp;
  let standIn: WechatPayStandIn;
  let w: PayWorld;

  beforeAll(async () => {
    ({ t, standIn } = await bootPayApp());
    w = await makePayWorld(t);
  });
  afterAll(() => t?.close());

  it('cash at the desk (approved by a second person) pays part; the resident pays the rest in WeChat; the bill is paid with two receipts', async () => {
    const part = Math.floor(w.bill.totalFen / 3);
    const desk = (
      await t
        .http()
        .post('/api/cashier/payments')
        .set(bearer(w.cashier.token))
        .send({
          idempotencyKey: 'desk-plus-wechat-1',
          houseId: w.houseId,
          tenders: [{ method: 'cash', amountFen: part }],
        })
        .expect(200)
    ).body as ICashierPaymentResult;
    await t
      .http()
      .post(`/api/cashier/payments/${desk.payments[0].id}/decision`)
      .set(bearer(w.approver.token))
      .send({ approve: true })
      .expect(200);
    expect((await t.db.getRepository(Bill).findOneByOrFail({ id: w.bill.id })).paidFen).toBe(part);

    // The resident sees what is left and pays exactly that through WeChat (the amount is the server's).
    const mine = (
      await t
        .http()
        .get('/api/payments/mine/payables')
        .query({ houseId: w.houseId })
        .set(bearer(w.resident.token))
        .expect(200)
    ).body as IPayables;
    expect(mine.items).toEqual([
      expect.objectContaining({ id: w.bill.id, paidFen: part, balanceFen: w.bill.totalFen - part }),
    ]);
    const order = (
      await t
        .http()
        .post('/api/payments/mine/orders')
        .set(bearer(w.resident.token))
        .send({ idempotencyKey: 'resident-rest-0001', houseId: w.houseId, targets: [{ kind: 'bill', id: w.bill.id }] })
        .expect((r) => expect(r.status).toBeLessThan(300))
    ).body as IPayOrder;
    expect(order.amountFen).toBe(w.bill.totalFen - part);
    standIn.pay(order.outTradeNo);
    await until(async () => (await t.db.getRepository(PayOrder).findOneByOrFail({ id: order.id })).status === 'paid');

    const bill = await t.db.getRepository(Bill).findOneByOrFail({ id: w.bill.id });
    expect(bill.paidFen).toBe(bill.totalFen);
    expect(await t.db.getRepository(Receipt).countBy({ houseId: w.houseId })).toBe(2);
    const history = (await t.http().get('/api/payments/mine').set(bearer(w.resident.token)).expect(200))
      .body as IPage<IPayment>;
    expect(history.items.map((p) => [p.method, p.amountFen]).sort()).toEqual(
      [
        ['cash', part],
        ['wechat_jsapi', w.bill.totalFen - part],
      ].sort(),
    );
    // The desk no longer offers the bill.
    const desk2 = (
      await t.http().get('/api/cashier/payables').query({ houseId: w.houseId }).set(bearer(w.cashier.token)).expect(200)
    ).body as IPayables;
    expect(desk2.items).toEqual([]);
  });
});
