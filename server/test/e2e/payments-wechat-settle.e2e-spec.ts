import { IPayOrder } from '@app/shared';
import { useClockForTests } from '../../src/common/time';
import { Charge } from '../../src/modules/charges/charge.entity';
import { ChargesService } from '../../src/modules/charges/charges.service';
import { PayOrder } from '../../src/modules/payments/payments.entity';
import { PaymentSweep } from '../../src/modules/payments/wechat/payment-scheduler';
import { WechatNotifyService } from '../../src/modules/payments/wechat/wechat-notify.service';
import type { WechatPayStandIn } from '../../src/modules/wechat-pay/stand-in/wechatpay-stand-in';
import { makeVerifiedTicket } from '../support/factories';
import { bearer, TestApp } from '../support/test-app';
import { makePayWorld, PayWorld } from './payments-helpers';
import { bootPayApp, until } from './payments-wechat-helpers';

describe('payments: WeChat Pay orders settled without a notify (query on read, the scheduler)', () => {
  let t: TestApp;
  let standIn: WechatPayStandIn;
  let w: PayWorld;

  beforeAll(async () => {
    ({ t, standIn } = await bootPayApp());
    w = await makePayWorld(t);
  });
  afterAll(async () => {
    useClockForTests(null);
    await t?.close();
  });

  const create = (body: object, token = w.resident.token) =>
    t.http().post('/api/payments/mine/orders').set(bearer(token)).send(body);

  it('without a notify, the order is settled by a query (on read after a few seconds); an expired one is closed by the scheduler', async () => {
    const vt = await makeVerifiedTicket(t.db, {
      projectId: w.tenant.projectId,
      houseId: w.houseId,
      technicianId: w.cashier.id,
    });
    const charge = await t.app.get(ChargesService).postForTicket({
      ticketId: vt.id,
      ticketSerial: vt.serial,
      projectId: w.tenant.projectId,
      houseId: w.houseId,
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
    const o = (
      await create({
        idempotencyKey: 'charge-key-01',
        houseId: w.houseId,
        targets: [{ kind: 'charge', id: charge.id }],
      }).expect(201)
    ).body as IPayOrder;
    expect(o.amountFen).toBe(3000);
    // Our endpoint is "down" for this payment's notifies.
    const spy = jest.spyOn(WechatNotifyService.prototype, 'handle').mockResolvedValue({ status: 400, message: 'down' });
    try {
      standIn.pay(o.outTradeNo);
      await until(async () => standIn.notifyLog.some((n) => n.ref === o.outTradeNo));
      expect(
        (await t.http().get(`/api/payments/mine/orders/${o.id}`).set(bearer(w.resident.token)).expect(200)).body.status,
      ).toBe('created');
      useClockForTests(() => new Date(Date.now() + 10_000));
      const read = (await t.http().get(`/api/payments/mine/orders/${o.id}`).set(bearer(w.resident.token)).expect(200))
        .body as IPayOrder;
      expect(read.status).toBe('paid');
    } finally {
      spy.mockRestore();
      useClockForTests(null);
    }
    expect(await t.db.getRepository(Charge).findOneByOrFail({ id: charge.id })).toMatchObject({
      status: 'paid',
      paidFen: 3000,
    });

    // An unpaid top-up order past its expiry: the scheduler closes it at WeChat Pay and here.
    const topup = (await create({ idempotencyKey: 'topup-key-01', houseId: w.houseId, topupFen: 5000 }).expect(201))
      .body as IPayOrder;
    useClockForTests(() => new Date(Date.parse(topup.expiresAt) + 60_000));
    try {
      const pass = await t.app.get(PaymentSweep).run();
      expect(pass.closed).toBeGreaterThanOrEqual(1);
    } finally {
      useClockForTests(null);
    }
    expect((await t.db.getRepository(PayOrder).findOneByOrFail({ id: topup.id })).status).toBe('closed');
    expect(standIn.order(topup.outTradeNo)!.trade_state).toBe('CLOSED');
    const same = (await create({ idempotencyKey: 'topup-key-01', houseId: w.houseId, topupFen: 5000 }).expect(201))
      .body as IPayOrder;
    expect(same).toMatchObject({ id: topup.id, status: 'closed', payParams: null });
  });

  it('the scheduler queries a due order once even when two instances sweep at the same time', async () => {
    const o = (await create({ idempotencyKey: 'sweep-key-001', houseId: w.houseId, topupFen: 1200 }).expect(201))
      .body as IPayOrder;
    const queries = () => standIn.calls['/v3/pay/transactions/out-trade-no/{no}'] ?? 0;
    const before = queries();
    useClockForTests(() => new Date(Date.now() + 90_000)); // past the 1-minute query
    try {
      const sweep = t.app.get(PaymentSweep);
      await Promise.all([sweep.run(), sweep.run(), sweep.run()]);
    } finally {
      useClockForTests(null);
    }
    expect(queries() - before).toBe(1);
    const row = await t.db.getRepository(PayOrder).findOneByOrFail({ id: o.id });
    expect(row).toMatchObject({ status: 'created', queryCount: 1 });
    // Next query at 5 minutes after prepay.
    expect(row.nextQueryAt!.getTime() - row.createdAt.getTime()).toBe(5 * 60_000);
  });
});
