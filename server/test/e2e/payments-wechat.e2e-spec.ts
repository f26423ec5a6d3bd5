import { IPayOrder, IRefund, Role } from '@app/shared';
import { useClockForTests } from '../../src/common/time';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { Bill } from '../../src/modules/billing/billing.entity';
import { OutboxMessage } from '../../src/modules/notifications/outbox.entity';
import { PayOrder, Payment, PaymentAllocation, Receipt, Refund } from '../../src/modules/payments/payments.entity';
import type { WechatPayStandIn } from '../../src/modules/wechat-pay/stand-in/wechatpay-stand-in';
import { bearer, TestApp } from '../support/test-app';
import { staffToken } from './billing-helpers';
import { makePayWorld, payAtDesk, PayWorld } from './payments-helpers';
import { bootPayApp, craftNotify, postNotify, transaction, until } from './payments-wechat-helpers';

// Settling without a notify (query, scheduler): payments-wechat-settle.e2e-spec.ts.
describe('payments: WeChat Pay through the stand-in (R5, R6), refunds', () => {
  let t: TestApp;
  let standIn: WechatPayStandIn;
  let base: string;
  let w: PayWorld;
  let order: IPayOrder;

  beforeAll(async () => {
    ({ t, standIn, base } = await bootPayApp());
    w = await makePayWorld(t);
  });
  afterAll(async () => {
    useClockForTests(null);
    await t?.close();
  });

  const create = (body: object, token = w.resident.token) =>
    t.http().post('/api/payments/mine/orders').set(bearer(token)).send(body);
  const counts = async () => ({
    payments: await t.db.getRepository(Payment).count(),
    allocations: await t.db.getRepository(PaymentAllocation).count(),
    receipts: await t.db.getRepository(Receipt).count(),
    audit: await t.db.getRepository(AuditEntry).count(),
    outbox: await t.db.getRepository(OutboxMessage).count(),
    paidOrders: await t.db.getRepository(PayOrder).countBy({ status: 'paid' }),
    billPaid: (await t.db.getRepository(Bill).findOneByOrFail({ id: w.bill.id })).paidFen,
  });

  it("R6: 50 concurrent prepay calls with one key → one order, 50 identical answers; the amount is the server's", async () => {
    const body = { idempotencyKey: 'bill-key-0001', houseId: w.houseId, targets: [{ kind: 'bill', id: w.bill.id }] };
    const answers = await Promise.all(Array.from({ length: 50 }, () => create(body)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const first = JSON.stringify(answers[0].body);
    expect(answers.every((a) => JSON.stringify(a.body) === first)).toBe(true);
    order = answers[0].body as IPayOrder;
    expect(await t.db.getRepository(PayOrder).countBy({ payerUserId: w.resident.id })).toBe(1);
    expect(order).toMatchObject({
      status: 'created',
      amountFen: w.bill.totalFen,
      houseId: w.houseId,
      paidAt: null,
      receiptNo: null,
    });
    expect(order.description).toContain('物业账单');
    expect(order.payParams).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) });
    expect(order.standInPayUrl).toContain(standIn.url);
    expect(standIn.calls['/v3/pay/transactions/jsapi'] ?? standIn.calls['POST /v3/pay/transactions/jsapi']).toBe(1);
    // Another key for exactly the same items while the order is valid: the same order, not a second one.
    const again = await create({ ...body, idempotencyKey: 'bill-key-0002' }).expect(201);
    expect(again.body.id).toBe(order.id);
  });

  it('refuses what cannot be paid: another house, nothing chosen, both targets and top-up (Chinese field names)', async () => {
    await create({
      idempotencyKey: 'x-house-0001',
      houseId: w.tenant.houseIds[1],
      targets: [{ kind: 'bill', id: w.bill.id }],
    }).expect(404);
    const both = await create({
      idempotencyKey: 'x-both-0001',
      houseId: w.houseId,
      targets: [{ kind: 'bill', id: w.bill.id }],
      topupFen: 100,
    }).expect(422);
    expect(JSON.stringify(both.body)).toContain('缴纳');
    const badKey = await create({
      idempotencyKey: 'short',
      houseId: w.houseId,
      targets: [{ kind: 'bill', id: w.bill.id }],
    }).expect(422);
    expect(JSON.stringify(badKey.body)).toContain('幂等键');
  });

  it('R5: forged signature, stale timestamp, tampered ciphertext, wrong amount, unknown order → 4xx and zero writes', async () => {
    const before = await counts();
    const ok = transaction(standIn, order.outTradeNo, order.amountFen);
    const cases = [
      craftNotify(standIn, ok, { forge: true }),
      craftNotify(standIn, ok, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
      craftNotify(standIn, ok, { tamper: true }),
      craftNotify(standIn, transaction(standIn, order.outTradeNo, order.amountFen + 1)),
      craftNotify(standIn, transaction(standIn, 'Pnosuchorder000001', order.amountFen)),
      craftNotify(standIn, { ...ok, mchid: '1900000000' }),
    ];
    for (const c of cases) {
      const res = await postNotify(base, c);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).toMatchObject({ code: 'FAIL' });
    }
    expect(await counts()).toEqual(before);
    expect((await t.db.getRepository(PayOrder).findOneByOrFail({ id: order.id })).status).toBe('created');
  });

  it('paid at the stand-in → verified notify → bill paid, receipt issued, resident told; the order answers paid', async () => {
    standIn.pay(order.outTradeNo);
    await standIn.notifiesSettled();
    await until(async () => (await t.db.getRepository(PayOrder).findOneByOrFail({ id: order.id })).status === 'paid');
    const bill = await t.db.getRepository(Bill).findOneByOrFail({ id: w.bill.id });
    expect(bill.paidFen).toBe(bill.totalFen);
    const mine = (await t.http().get(`/api/payments/mine/orders/${order.id}`).set(bearer(w.resident.token)).expect(200))
      .body as IPayOrder;
    expect(mine).toMatchObject({
      status: 'paid',
      payParams: null,
      standInPayUrl: null,
      receiptNo: expect.stringMatching(/^SJ-\d{4}-\d{6}$/),
    });
    const payment = await t.db.getRepository(Payment).findOneByOrFail({ payOrderId: order.id });
    expect(payment).toMatchObject({
      method: 'wechat_jsapi',
      status: 'confirmed',
      amountFen: bill.totalFen,
      collectedBy: null,
    });
    expect(payment.reference).toBe(standIn.order(order.outTradeNo)!.transaction_id);
    const actions = (await t.db.getRepository(AuditEntry).findBy({ entityType: 'pay_order', entityId: order.id })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['pay_order.create', 'pay_order.paid']);
    const inbox = (await t.http().get('/api/inbox').set(bearer(w.resident.token)).expect(200)).body;
    expect(JSON.stringify(inbox)).toContain('缴费成功');
    // The receipt is readable by the resident.
    await t.http().get(`/api/payments/mine/receipts/${payment.receiptId}`).set(bearer(w.resident.token)).expect(200);
    await t.http().get(`/api/payments/mine/orders/${order.id}`).set(bearer(w.outsider.token)).expect(404);
  });

  it('R5: the same notify replayed 15× and 20 concurrent copies → 204 each, still one payment, no new writes', async () => {
    const before = await counts();
    const txn = standIn.order(order.outTradeNo)!;
    for (let i = 0; i < 15; i++) expect((await postNotify(base, craftNotify(standIn, txn))).status).toBe(204);
    const burst = await Promise.all(Array.from({ length: 20 }, () => postNotify(base, craftNotify(standIn, txn))));
    expect(burst.map((r) => r.status)).toEqual(Array(20).fill(204));
    expect(await counts()).toEqual(before);
    expect(await t.db.getRepository(Payment).countBy({ payOrderId: order.id })).toBe(1);
  });

  it('a refund through the stand-in: requested, approved by finance (not the requester), refund notify → succeeded, bill reopened', async () => {
    const payment = await t.db.getRepository(Payment).findOneByOrFail({ payOrderId: order.id });
    const requester = await staffToken(t, Role.Finance, w.tenant.projectId);
    const requested = (
      await t
        .http()
        .post('/api/payments/refunds')
        .set(bearer(requester))
        .send({ paymentId: payment.id, amountFen: 1000, reason: '多缴退回' })
        .expect(201)
    ).body as IRefund;
    expect(requested).toMatchObject({ status: 'requested', amountFen: 1000, method: 'wechat_jsapi' });
    const tooMuch = await t
      .http()
      .post('/api/payments/refunds')
      .set(bearer(requester))
      .send({ paymentId: payment.id, amountFen: payment.amountFen + 1, reason: '超额' })
      .expect(422);
    expect(JSON.stringify(tooMuch.body)).toContain('退款金额');
    await t
      .http()
      .post(`/api/payments/refunds/${requested.id}/decision`)
      .set(bearer(requester))
      .send({ approve: true })
      .expect(403);
    const decided = (
      await t
        .http()
        .post(`/api/payments/refunds/${requested.id}/decision`)
        .set(bearer(w.approver.token))
        .send({ approve: true })
        .expect(200)
    ).body as IRefund;
    expect(decided.outRefundNo).toMatch(/^R/);
    await until(
      async () => (await t.db.getRepository(Refund).findOneByOrFail({ id: requested.id })).status === 'succeeded',
    );
    await standIn.notifiesSettled();
    const bill = await t.db.getRepository(Bill).findOneByOrFail({ id: w.bill.id });
    expect(bill.paidFen).toBe(bill.totalFen - 1000);
    expect((await t.db.getRepository(Payment).findOneByOrFail({ id: payment.id })).refundedFen).toBe(1000);
    const actions = (await t.db.getRepository(AuditEntry).findBy({ entityType: 'refund', entityId: requested.id })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['refund.request', 'refund.approve', 'refund.succeed']);
    // A second decision races in: 409 with the current state.
    const late = await t
      .http()
      .post(`/api/payments/refunds/${requested.id}/decision`)
      .set(bearer(w.approver.token))
      .send({ approve: false, reason: '晚了' })
      .expect(409);
    expect(late.body.details.current).toMatchObject({ id: requested.id, status: 'succeeded' });
    // And the bill can be paid again for what was refunded.
    const payables = (
      await t
        .http()
        .get('/api/payments/mine/payables')
        .query({ houseId: w.houseId })
        .set(bearer(w.resident.token))
        .expect(200)
    ).body;
    expect(payables.items).toEqual([expect.objectContaining({ kind: 'bill', id: w.bill.id, balanceFen: 1000 })]);
  });

  it('a desk (transfer) refund is finished by the cashier and reopens the bill by its amount', async () => {
    const owed = await t.db.getRepository(Bill).findOneByOrFail({ id: w.bill.id });
    const desk = await payAtDesk(t, w, {
      method: 'transfer',
      amountFen: owed.totalFen - owed.paidFen,
      status: 'confirmed',
      allocations: [
        { kind: 'bill', targetId: w.bill.id, amountFen: owed.totalFen - owed.paidFen, title: '本月物业账单' },
      ],
    });
    const r = (
      await t
        .http()
        .post('/api/payments/refunds')
        .set(bearer(w.cashier.token))
        .send({ paymentId: desk.paymentId, amountFen: 300, reason: '转账多付' })
        .expect(201)
    ).body as IRefund;
    await t.http().post(`/api/payments/refunds/${r.id}/complete`).set(bearer(w.cashier.token)).send({}).expect(409);
    expect(
      (
        await t
          .http()
          .post(`/api/payments/refunds/${r.id}/decision`)
          .set(bearer(w.approver.token))
          .send({ approve: true })
          .expect(200)
      ).body,
    ).toMatchObject({ status: 'approved', outRefundNo: null });
    const done = (
      await t
        .http()
        .post(`/api/payments/refunds/${r.id}/complete`)
        .set(bearer(w.cashier.token))
        .send({ reference: 'TX-001' })
        .expect(200)
    ).body as IRefund;
    expect(done.status).toBe('succeeded');
    expect((await t.db.getRepository(Bill).findOneByOrFail({ id: w.bill.id })).paidFen).toBe(owed.totalFen - 300);
    const list = (
      await t
        .http()
        .get('/api/payments/refunds')
        .query({ projectId: w.tenant.projectId, status: 'succeeded' })
        .set(bearer(w.approver.token))
        .expect(200)
    ).body;
    expect(list.items.map((x: IRefund) => x.id)).toEqual(expect.arrayContaining([r.id]));
  });
});
