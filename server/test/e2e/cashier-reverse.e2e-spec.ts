import type { ICashierPaymentResult } from '@app/shared';
import { useClockForTests } from '../../src/common/time';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { Bill } from '../../src/modules/billing/billing.entity';
import { micropayOutTradeNo } from '../../src/modules/payments/cashier/cashier.service';
import { MICROPAY_POLL } from '../../src/modules/payments/cashier/micropay-desk';
import { MicropayReversal } from '../../src/modules/payments/cashier/micropay-reversal.entity';
import { REVERSE_RETRY } from '../../src/modules/payments/cashier/micropay-reversals';
import { Payment } from '../../src/modules/payments/payments.entity';
import { PaymentSweep } from '../../src/modules/payments/wechat/payment-scheduler';
import type { WechatPayStandIn } from '../../src/modules/wechat-pay/stand-in/wechatpay-stand-in';
import { WECHAT_PAY_STAND_IN } from '../../src/modules/wechat-pay/wechat-pay.tokens';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { makePayWorld, PayWorld } from './payments-helpers';

/**
 * 付款码 撤销 (docs/cashier.md): a 付款码 whose outcome the desk cannot record is reversed at WeChat, so the payer is
 * never charged for a payment that is not on a receipt; a paid one is recorded and never reversed.
 */
describe('cashier desk: 付款码 reverse (撤销)', () => {
  let t: TestApp;
  let w: PayWorld;
  let standIn: WechatPayStandIn;
  let keyNo = 0;
  const key = () => `e2e-rev-${Date.now().toString(36)}-${++keyNo}`;
  const saved = { ...MICROPAY_POLL, ...REVERSE_RETRY };

  beforeAll(async () => {
    t = await bootTestApp({ WECHATPAY_MODE: 'stand-in' });
    standIn = t.app.get<WechatPayStandIn>(WECHAT_PAY_STAND_IN);
    Object.assign(MICROPAY_POLL, { intervalMs: 100, maxWaitMs: 600 });
    REVERSE_RETRY.intervalMs = 50;
    w = await makePayWorld(t, 2);
  });
  afterAll(async () => {
    Object.assign(MICROPAY_POLL, { intervalMs: saved.intervalMs, maxWaitMs: saved.maxWaitMs });
    REVERSE_RETRY.intervalMs = 1_000;
    await t?.close();
  });

  const collect = (body: object) => t.http().post('/api/cashier/payments').set(bearer(w.cashier.token)).send(body);
  const micropays = () => t.db.getRepository(Payment).countBy({ method: 'wechat_micropay' });
  const paidFen = async () => (await t.db.getRepository(Bill).findOneByOrFail({ id: w.bill.id })).paidFen;
  const reversal = (outTradeNo: string) => t.db.getRepository(MicropayReversal).findOneBy({ outTradeNo });

  it('the payer does not confirm within the wait: the order is reversed (REVOKED), 422, nothing recorded; the payer cannot pay it later', async () => {
    const k = key();
    const outTradeNo = micropayOutTradeNo(w.cashier.id, k);
    const [before, billBefore] = [await micropays(), await paidFen()];
    const res = await collect({
      idempotencyKey: k,
      houseId: w.houseId,
      tenders: [{ method: 'wechat_micropay', amountFen: 300, authCode: standIn.issuePaymentCode('userpaying') }],
    }).expect(422);
    expect(res.body.message).toContain('已撤销');
    expect(res.body.details.fields[0].field).toBe('authCode');
    expect(standIn.order(outTradeNo)!.trade_state).toBe('REVOKED');
    expect(standIn.reversals.filter((n) => n === outTradeNo)).toHaveLength(1);
    expect(await reversal(outTradeNo)).toMatchObject({
      status: 'reversed',
      reason: 'userpaying',
      amountFen: 300,
      attempts: 1,
      collectedBy: w.cashier.id,
      lastCode: null,
    });
    const audit = await t.db.getRepository(AuditEntry).findOneByOrFail({ action: 'payment.micropay_reverse' });
    expect(audit.projectId).toBe(w.tenant.projectId);
    expect([await micropays(), await paidFen()]).toEqual([before, billBefore]);

    // Past the stand-in's confirmation time the order stays revoked: the payer is not charged.
    await new Promise((r) => setTimeout(r, 3_200));
    expect(standIn.order(outTradeNo)!.trade_state).toBe('REVOKED');
    // The same submit again asks WeChat about the same order and is told it is revoked: still nothing recorded.
    await collect({
      idempotencyKey: k,
      houseId: w.houseId,
      tenders: [{ method: 'wechat_micropay', amountFen: 300, authCode: standIn.issuePaymentCode() }],
    }).expect(422);
    expect(await micropays()).toBe(before);
  });

  it('recall=Y: the reverse is called again until WeChat confirms it', async () => {
    const k = key();
    const outTradeNo = micropayOutTradeNo(w.cashier.id, k);
    standIn.failNextReverse('SYSTEMERROR', 2);
    await collect({
      idempotencyKey: k,
      houseId: w.houseId,
      tenders: [{ method: 'wechat_micropay', amountFen: 300, authCode: standIn.issuePaymentCode('userpaying') }],
    }).expect(422);
    expect(await reversal(outTradeNo)).toMatchObject({ status: 'reversed', attempts: 3, lastCode: null });
    expect(standIn.order(outTradeNo)!.trade_state).toBe('REVOKED');
  });

  it('no definite answer (WeChat down for the charge and the query) → reversed; a reverse that never succeeds is 503 and stays pending', async () => {
    const k = key();
    const outTradeNo = micropayOutTradeNo(w.cashier.id, k);
    // The charge, then the desk's query: aimed, so a sweep's request in between cannot take either 500.
    standIn.failNext('http500', 1, '/pay/micropay');
    standIn.failNext('http500', 1, '/pay/orderquery');
    const res = await collect({
      idempotencyKey: k,
      houseId: w.houseId,
      tenders: [{ method: 'wechat_micropay', amountFen: 300, authCode: standIn.issuePaymentCode() }],
    }).expect(422);
    expect(res.body.message).toContain('未返回确定结果');
    // WeChat never saw the order: nothing to revoke, recorded as reversed with its answer.
    expect(await reversal(outTradeNo)).toMatchObject({
      status: 'reversed',
      reason: 'unknown',
      lastCode: 'ORDERNOTEXIST',
    });

    const k2 = key();
    const stuck = micropayOutTradeNo(w.cashier.id, k2);
    standIn.failNextReverse('SYSTEMERROR', REVERSE_RETRY.attempts);
    const down = await collect({
      idempotencyKey: k2,
      houseId: w.houseId,
      tenders: [{ method: 'wechat_micropay', amountFen: 300, authCode: standIn.issuePaymentCode('userpaying') }],
    }).expect(503);
    expect(down.body.message).toContain('撤销未完成');
    expect(await reversal(stuck)).toMatchObject({
      status: 'pending',
      attempts: REVERSE_RETRY.attempts,
      lastCode: 'SYSTEMERROR',
    });

    // The payment sweep tries it again once it is a minute old (two instances at once: one call).
    await t.app.get(PaymentSweep).run();
    expect((await reversal(stuck))!.status).toBe('pending');
    const calls = standIn.calls['/secapi/pay/reverse'] ?? 0;
    useClockForTests(() => new Date(Date.now() + 2 * 60_000));
    try {
      await Promise.all([t.app.get(PaymentSweep).run(), t.app.get(PaymentSweep).run()]);
    } finally {
      useClockForTests(null);
    }
    expect((standIn.calls['/secapi/pay/reverse'] ?? 0) - calls).toBe(1);
    expect(await reversal(stuck)).toMatchObject({ status: 'reversed', attempts: REVERSE_RETRY.attempts + 1 });
    expect(standIn.order(stuck)!.trade_state).toBe('REVOKED');
  });

  it('a paid 付款码 is recorded and never reversed', async () => {
    const k = key();
    const outTradeNo = micropayOutTradeNo(w.cashier.id, k);
    const before = standIn.reversals.length;
    const paid = (
      await collect({
        idempotencyKey: k,
        houseId: w.houseId,
        tenders: [{ method: 'wechat_micropay', amountFen: 300, authCode: standIn.issuePaymentCode() }],
      }).expect(200)
    ).body as ICashierPaymentResult;
    expect(paid.payments[0]).toMatchObject({ method: 'wechat_micropay', status: 'confirmed', amountFen: 300 });
    expect(standIn.order(outTradeNo)!.trade_state).toBe('SUCCESS');
    expect(standIn.reversals.length).toBe(before);
    expect(await reversal(outTradeNo)).toBeNull();
  });
});
