import { IPayOrder, IReconciliationDiscrepancy, IReconciliationRun, IRefund } from '@app/shared';
import { PayOrder, Payment, Refund } from '../../src/modules/payments/payments.entity';
import { shanghaiDate } from '../../src/modules/payments/reconciliation/reconciliation.service';
import type { WechatPayStandIn } from '../../src/modules/wechat-pay/stand-in/wechatpay-stand-in';
import { WECHAT_PAY_STAND_IN } from '../../src/modules/wechat-pay/wechat-pay.tokens';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { makePayWorld, PayWorld } from './payments-helpers';
import { freePort } from './payments-wechat-helpers';
import { ownDatabase } from './reconciliation-helpers';

/** The resident's own WeChat order and a WeChat refund, through the payments module's real flow. */
describe('reconciliation: a JSAPI order and its refund', () => {
  let t: TestApp;
  let w: PayWorld;
  let wx: WechatPayStandIn;
  const today = shanghaiDate(new Date());
  const until = async (check: () => Promise<boolean>, ms = 15_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
      if (await check()) return;
    throw new Error('condition not reached');
  };

  let drop: () => Promise<void>;

  beforeAll(async () => {
    // Like bootPayApp, on a database of its own: the stand-in notifies the listening app.
    const own = await ownDatabase('reconflow');
    drop = own.drop;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    t = await bootTestApp({
      ...own.env,
      WECHATPAY_MODE: 'stand-in',
      WECHATPAY_NOTIFY_URL: `${base}/api/payments/wechat/notify`,
      WECHATPAY_REFUND_NOTIFY_URL: `${base}/api/payments/wechat/refund-notify`,
      WECHATPAY_STANDIN_RETRY_SCALE: '0.001',
      WECHATPAY_STANDIN_HOST: '127.0.0.1',
    });
    await t.app.listen(port, '127.0.0.1');
    wx = t.app.get<WechatPayStandIn>(WECHAT_PAY_STAND_IN);
    w = await makePayWorld(t);
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  it('matches the order on out_trade_no and the refund line on out_refund_no; a dropped refund line is 微信缺失', async () => {
    const order = (
      await t
        .http()
        .post('/api/payments/mine/orders')
        .set(bearer(w.resident.token))
        .send({ idempotencyKey: 'recon-order-001', houseId: w.houseId, targets: [{ kind: 'bill', id: w.bill.id }] })
        .expect(201)
    ).body as IPayOrder;
    wx.pay(order.outTradeNo);
    await until(async () => (await t.db.getRepository(PayOrder).findOneByOrFail({ id: order.id })).status === 'paid');
    const payment = await t.db.getRepository(Payment).findOneByOrFail({ payOrderId: order.id });
    const refund = (
      await t
        .http()
        .post('/api/payments/refunds')
        .set(bearer(w.finance))
        .send({ paymentId: payment.id, amountFen: 100, reason: '多缴退回' })
        .expect(201)
    ).body as IRefund;
    await t
      .http()
      .post(`/api/payments/refunds/${refund.id}/decision`)
      .set(bearer(w.approver.token))
      .send({ approve: true })
      .expect(200);
    await until(
      async () => (await t.db.getRepository(Refund).findOneByOrFail({ id: refund.id })).status === 'succeeded',
    );
    const outRefundNo = (await t.db.getRepository(Refund).findOneByOrFail({ id: refund.id })).outRefundNo!;

    const post = async () =>
      (await t.http().post('/api/reconciliation/runs').send({ date: today }).set(bearer(w.finance)).expect(200))
        .body as IReconciliationRun;
    const clean = await post();
    expect(clean).toEqual(
      expect.objectContaining({
        status: 'done',
        remoteCount: 2,
        localCount: 2,
        remoteTotalFen: order.amountFen - 100,
        localTotalFen: order.amountFen - 100,
        discrepancyCount: 0,
      }),
    );

    wx.bill.drop(today, outRefundNo);
    const after = await post();
    expect(after.discrepancyCount).toBe(1);
    const [d] = (
      await t.http().get(`/api/reconciliation/runs/${after.id}/discrepancies`).set(bearer(w.finance)).expect(200)
    ).body as IReconciliationDiscrepancy[];
    expect(d).toEqual(
      expect.objectContaining({
        kind: 'missing_remotely',
        outTradeNo: order.outTradeNo,
        localFen: 100,
        remoteFen: null,
      }),
    );
    expect(d.note).toContain(outRefundNo);
  });
});
