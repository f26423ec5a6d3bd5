import { generateKeyPairSync } from 'node:crypto';
import { WechatPayClient, WechatPayError } from '../../src/modules/wechat-pay/wechat-pay.client';
import { paySignMessage, platformHeaders, rsaVerify } from '../../src/modules/wechat-pay/wechat-pay.crypto';
import { startWechatPayStandIn, type WechatPayStandIn } from '../stand-ins/wechatpay-stand-in';
import { outNo, startNotifyReceiver, type NotifyReceiver } from './wechat-pay-helpers';

/** The WeChat Pay client against the stand-in over real HTTP (docs wechat.md §A7, docs/wechat-pay.md). */
describe('WechatPayClient ↔ WeChat Pay stand-in', () => {
  let wx: WechatPayStandIn;
  let receiver: NotifyReceiver;
  let client: WechatPayClient;
  let warnings: Array<{ obj: object; msg: string }>;

  beforeAll(async () => {
    wx = await startWechatPayStandIn({ retryScale: 0.001, userPayingMs: 1_500, refundDelayMs: 10 });
    receiver = await startNotifyReceiver(() => client);
  });
  afterAll(async () => {
    await wx.close();
    await receiver.close();
  });
  beforeEach(() => {
    warnings = [];
    wx.setSerialMode('public-key');
    client = new WechatPayClient(
      wx.clientConfig({ notifyUrl: receiver.url, refundNotifyUrl: receiver.url.replace('notify', 'refund-notify') }),
      { warn: (obj, msg) => warnings.push({ obj, msg }) },
    );
    receiver.received.length = 0;
  });

  // time_expire cannot change for an out_trade_no (§A7.1), so each order keeps the one it was first given.
  const expiries = new Map<string, Date>();
  const prepay = (no: string, amountFen = 129120, extra: { description?: string } = {}) => {
    if (!expiries.has(no)) expiries.set(no, new Date(Date.now() + 3600_000));
    return client.prepayJsapi({
      description: extra.description ?? '物业费-3栋1201-2026年11月',
      outTradeNo: no,
      amountFen,
      payerOpenid: 'o-resident-1',
      timeExpire: expiries.get(no)!,
      attach: 'bill:42',
    });
  };

  async function rejection(p: Promise<unknown>): Promise<WechatPayError> {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(WechatPayError);
      return e as WechatPayError;
    }
    throw new Error('expected a WechatPayError');
  }

  it('prepay: same parameters re-enter the same order with a fresh prepay_id; changed ones are refused', async () => {
    const no = outNo();
    const a = await prepay(no);
    const b = await prepay(no);
    expect(a.prepayId).toMatch(/^wx/);
    expect(b.prepayId).not.toBe(a.prepayId);
    expect((await client.queryByOutTradeNo(no))?.trade_state).toBe('NOTPAY');
    const changed = await rejection(prepay(no, 100));
    expect([changed.kind, changed.code, changed.status, changed.message]).toEqual([
      'rejected',
      'INVALID_REQUEST',
      400,
      '201 商户订单号重复',
    ]);
  });

  it('payParams: paySign verifies with the merchant public key over appId/timeStamp/nonceStr/package', async () => {
    const { prepayId } = await prepay(outNo());
    const p = client.payParams(prepayId);
    expect(p).toMatchObject({ appId: wx.appId, package: `prepay_id=${prepayId}`, signType: 'RSA' });
    expect(p.timeStamp).toMatch(/^\d{10}$/);
    expect(p.nonceStr.length).toBeLessThanOrEqual(32);
    expect(
      rsaVerify(paySignMessage(p.appId, p.timeStamp, p.nonceStr, p.package), p.paySign, wx.merchant.publicKey),
    ).toBe(true);
    expect(
      rsaVerify(paySignMessage(p.appId, p.timeStamp, p.nonceStr, 'prepay_id=other'), p.paySign, wx.merchant.publicKey),
    ).toBe(false);
  });

  it.each(['public-key', 'certificate'] as const)(
    'a genuine payment notify verifies and decrypts (%s serial)',
    async (mode) => {
      wx.setSerialMode(mode);
      const no = outNo();
      await prepay(no);
      wx.pay(no);
      const [n] = await receiver.waitFor(1);
      expect(n!.headers['wechatpay-serial']).toBe(
        mode === 'certificate' ? wx.platform.certificate.serial : wx.platform.publicKey.id,
      );
      expect(n!.verification.ok).toBe(true);
      if (!n!.verification.ok || n!.verification.kind !== 'transaction') throw new Error('not a transaction');
      expect(n!.verification.event.event_type).toBe('TRANSACTION.SUCCESS');
      expect(n!.verification.resource).toMatchObject({
        appid: wx.appId,
        mchid: wx.mchid,
        out_trade_no: no,
        trade_state: 'SUCCESS',
        trade_type: 'JSAPI',
        attach: 'bill:42',
        payer: { openid: 'o-resident-1' },
        amount: { total: 129120, payer_total: 129120, currency: 'CNY' },
      });
      expect(JSON.parse(n!.raw.toString()).resource.algorithm).toBe('AEAD_AES_256_GCM');
      await wx.notifiesSettled();
      expect(wx.notifyLog.filter((l) => l.ref === no).map((l) => l.status)).toEqual([204]);
    },
  );

  describe('notify rejections', () => {
    let genuine: { headers: Record<string, string>; raw: Buffer };
    beforeAll(async () => {
      receiver.received.length = 0;
      wx.setSerialMode('public-key');
      const no = outNo();
      await prepay(no);
      wx.pay(no);
      const [n] = await receiver.waitFor(1);
      genuine = { headers: n!.headers as Record<string, string>, raw: n!.raw };
    });

    it('forged signature (signed by a key WeChat does not hold) → bad-signature', () => {
      const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const forged = platformHeaders(genuine.raw, wx.platform.publicKey.id, forger);
      expect(client.verifyNotify(forged, genuine.raw)).toEqual({ ok: false, reason: 'bad-signature' });
      expect(
        client.verifyNotify({ ...genuine.headers, 'wechatpay-signature': 'WECHATPAY/SIGNTEST/abc' }, genuine.raw),
      ).toEqual({ ok: false, reason: 'bad-signature' });
    });

    it('stale timestamp (> 300 s either way) → stale-timestamp; replayed within 300 s still verifies', () => {
      const ts = Number(genuine.headers['wechatpay-timestamp']);
      expect(client.verifyNotify(genuine.headers, genuine.raw, ts + 301)).toEqual({
        ok: false,
        reason: 'stale-timestamp',
      });
      expect(client.verifyNotify(genuine.headers, genuine.raw, ts - 301)).toEqual({
        ok: false,
        reason: 'stale-timestamp',
      });
      expect(client.verifyNotify(genuine.headers, genuine.raw, ts + 299).ok).toBe(true);
    });

    it('tampered ciphertext: bad-signature as delivered; decrypt-failed even when re-signed with the platform key', () => {
      const body = JSON.parse(genuine.raw.toString());
      const ct = Buffer.from(body.resource.ciphertext, 'base64');
      ct[3] ^= 0x01;
      body.resource.ciphertext = ct.toString('base64');
      const tampered = Buffer.from(JSON.stringify(body));
      expect(client.verifyNotify(genuine.headers, tampered)).toEqual({ ok: false, reason: 'bad-signature' });
      const resigned = platformHeaders(tampered, wx.platform.publicKey.id, wx.platform.publicKey.privateKey);
      expect(client.verifyNotify(resigned, tampered)).toEqual({ ok: false, reason: 'decrypt-failed' });
    });

    it('unknown serial → unknown-serial; a client that only knows the certificate refuses public-key notifies', () => {
      expect(client.verifyNotify({ ...genuine.headers, 'wechatpay-serial': 'PUB_KEY_ID_9999' }, genuine.raw)).toEqual({
        ok: false,
        reason: 'unknown-serial',
      });
      const certOnly = new WechatPayClient(
        wx.clientConfig({
          platformKeys: new Map([[wx.platform.certificate.serial, wx.platform.certificate.publicKey]]),
        }),
      );
      expect(certOnly.verifyNotify(genuine.headers, genuine.raw)).toEqual({ ok: false, reason: 'unknown-serial' });
    });

    it('missing headers and a non-JSON body are refused', () => {
      expect(client.verifyNotify({}, genuine.raw)).toEqual({ ok: false, reason: 'missing-headers' });
      const junk = Buffer.from('not json');
      expect(
        client.verifyNotify(platformHeaders(junk, wx.platform.publicKey.id, wx.platform.publicKey.privateKey), junk),
      ).toEqual({ ok: false, reason: 'malformed-body' });
    });
  });

  it('notify lab (for R5 tests): genuine copies verify; each spoiled variant fails for its own reason', async () => {
    const no = outNo('LAB');
    await prepay(no);
    wx.pay(no);
    await receiver.waitFor(1);
    receiver.received.length = 0;
    const genuine = wx.buildNotify(no);
    expect(await wx.deliverNotify(receiver.url, genuine, 20)).toEqual(Array.from({ length: 20 }, () => 204));
    expect(new Set(receiver.received.map((r) => r.raw.toString())).size).toBe(1);
    const wrongAmount = wx.buildNotify(no, { resource: { amount: { total: 1, currency: 'CNY' } } });
    expect(await wx.deliverNotify(receiver.url, wrongAmount)).toEqual([204]);
    const v = receiver.received.at(-1)!.verification;
    expect(v.ok && v.kind === 'transaction' && v.resource.amount.total).toBe(1);
    const reasons: Record<string, string> = {};
    for (const spoil of ['forged-signature', 'stale-timestamp', 'tampered-ciphertext', 'unknown-serial'] as const) {
      expect(await wx.deliverNotify(receiver.url, wx.buildNotify(no, { spoil }))).toEqual([401]);
      const r = receiver.received.at(-1)!.verification;
      reasons[spoil] = r.ok ? 'ok' : r.reason;
    }
    expect(reasons).toEqual({
      'forged-signature': 'bad-signature',
      'stale-timestamp': 'stale-timestamp',
      'tampered-ciphertext': 'decrypt-failed',
      'unknown-serial': 'unknown-serial',
    });
  });

  it('query and close: NOTPAY → CLOSED; unknown order → null; paid order cannot be closed; closed order cannot be prepaid', async () => {
    expect(await client.queryByOutTradeNo(outNo('NONE'))).toBeNull();
    const no = outNo();
    await prepay(no);
    await client.close(no);
    expect((await client.queryByOutTradeNo(no))?.trade_state).toBe('CLOSED');
    expect((await rejection(prepay(no))).code).toBe('ORDER_CLOSED');
    const paid = outNo();
    await prepay(paid);
    wx.pay(paid);
    const tx = await client.queryByOutTradeNo(paid);
    expect(tx).toMatchObject({ trade_state: 'SUCCESS', amount: { total: 129120 } });
    expect(tx?.transaction_id).toMatch(/^4200\d+/);
    expect((await rejection(client.close(paid))).code).toBe('ORDERPAID');
    await receiver.waitFor(1);
  });

  it('refund: partial then rest, refund notify decrypts to the refund shape, same out_refund_no is idempotent, over-refund refused', async () => {
    const no = outNo();
    await prepay(no, 10_000);
    wx.pay(no);
    await receiver.waitFor(1);
    const r1 = await client.refund({
      outTradeNo: no,
      outRefundNo: `${no}R1`,
      reason: '多收退回',
      refundFen: 3_000,
      totalFen: 10_000,
    });
    expect(r1).toMatchObject({
      out_refund_no: `${no}R1`,
      status: 'PROCESSING',
      amount: { refund: 3_000, total: 10_000 },
    });
    const again = await client.refund({ outTradeNo: no, outRefundNo: `${no}R1`, refundFen: 3_000, totalFen: 10_000 });
    expect(again.refund_id).toBe(r1.refund_id);
    const over = await rejection(
      client.refund({ outTradeNo: no, outRefundNo: `${no}R2`, refundFen: 7_001, totalFen: 10_000 }),
    );
    expect([over.kind, over.code]).toEqual(['rejected', 'INVALID_REQUEST']);
    const notices = await receiver.waitFor(2);
    const n = notices[1]!.verification;
    if (!n.ok || n.kind !== 'refund') throw new Error('expected a refund notify');
    expect(n.event.event_type).toBe('REFUND.SUCCESS');
    expect(n.resource).toMatchObject({
      out_trade_no: no,
      out_refund_no: `${no}R1`,
      refund_status: 'SUCCESS',
      amount: { refund: 3_000, total: 10_000 },
    });
    expect((await client.queryRefund(`${no}R1`))?.status).toBe('SUCCESS');
    expect(await client.queryRefund(`${no}NONE`)).toBeNull();
    wx.nextRefundOutcome('ABNORMAL');
    await client.refund({ outTradeNo: no, outRefundNo: `${no}R3`, refundFen: 7_000, totalFen: 10_000 });
    const abnormal = (await receiver.waitFor(3))[2]!.verification;
    expect(abnormal.ok && abnormal.event.event_type).toBe('REFUND.ABNORMAL');
    expect((await client.queryRefund(`${no}R3`))?.status).toBe('ABNORMAL');
  });

  it('trade bill: every paid order and refund of the day in fen, plus injected discrepancies; a day without trades is empty', async () => {
    const [a, b, c] = [outNo('BA'), outNo('BB'), outNo('BC')];
    for (const [no, fen] of [
      [a, 12_345],
      [b, 100],
      [c, 999],
    ] as const) {
      await prepay(no, fen, { description: '物业费,含逗号' });
      wx.pay(no);
    }
    await client.refund({ outTradeNo: a, outRefundNo: `${a}R`, refundFen: 45, totalFen: 12_345 });
    await receiver.waitFor(4);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    wx.bill.addRow(today, { outTradeNo: 'GHOST-0001', orderTotalFen: 500 });
    wx.bill.drop(today, b);
    wx.bill.changeAmount(today, c, 1_000);
    const bill = await client.downloadTradeBill(today);
    const payments = new Map(bill.rows.filter((r) => r.tradeState === 'SUCCESS').map((r) => [r.outTradeNo, r]));
    expect(payments.get(a)).toMatchObject({
      orderTotalFen: 12_345,
      settlementTotalFen: 12_345,
      feeFen: 74,
      mchId: wx.mchid,
      tradeType: 'JSAPI',
      description: '物业费，含逗号',
    });
    expect(payments.get(a)?.transactionId).toMatch(/^4200/);
    expect(payments.has(b)).toBe(false);
    expect(payments.get(c)?.orderTotalFen).toBe(1_000);
    expect(payments.get('GHOST-0001')?.orderTotalFen).toBe(500);
    const refundRow = bill.rows.find((r) => r.tradeState === 'REFUND' && r.outTradeNo === a);
    expect(refundRow).toMatchObject({ outRefundNo: `${a}R`, refundFen: 45, refundStatus: 'SUCCESS' });
    expect(bill.summary.count).toBe(bill.rows.length);
    expect(bill.summary.orderTotalFen).toBe(bill.rows.reduce((s, r) => s + r.orderTotalFen, 0));
    expect(await client.downloadTradeBill('2001-01-01')).toEqual({
      date: '2001-01-01',
      rows: [],
      summary: { count: 0, settlementTotalFen: 0, refundTotalFen: 0, feeTotalFen: 0, orderTotalFen: 0 },
    });
  });

  describe('micropay (付款码, APIv2)', () => {
    const mp = (authCode: string, no = outNo('M')) =>
      client.micropay({ outTradeNo: no, description: '物业费', amountFen: 5_000, authCode, clientIp: '10.0.0.8' });

    it('a scanned code pays at once; the order shows up in query as MICROPAY', async () => {
      const no = outNo('M');
      const r = await mp(wx.issuePaymentCode('success', 'o-payer-9'), no);
      expect(r).toMatchObject({ state: 'SUCCESS', openid: 'o-payer-9', amountFen: 5_000 });
      expect((await client.queryByOutTradeNo(no))?.trade_type).toBe('MICROPAY');
    });

    it('USERPAYING, then the query succeeds once the payer confirms', async () => {
      const no = outNo('M');
      expect(await mp(wx.issuePaymentCode('userpaying'), no)).toEqual({ state: 'USERPAYING' });
      expect(await client.queryMicropay(no)).toEqual({ state: 'USERPAYING' });
      await new Promise((r) => setTimeout(r, 1_550));
      expect(await client.queryMicropay(no)).toMatchObject({ state: 'SUCCESS', amountFen: 5_000 });
    });

    it('insufficient balance, expired and malformed codes fail with WeChat err_code', async () => {
      expect(await mp(wx.issuePaymentCode('insufficient'))).toMatchObject({ state: 'FAILED', code: 'NOTENOUGH' });
      expect(await mp(wx.issuePaymentCode('expired'))).toMatchObject({ state: 'FAILED', code: 'AUTHCODEEXPIRE' });
      expect(await mp('99999')).toMatchObject({ state: 'FAILED', code: 'AUTH_CODE_INVALID' });
      expect(await client.queryMicropay(outNo('NONE'))).toMatchObject({ state: 'FAILED', code: 'ORDERNOTEXIST' });
    });

    it('a wrong APIv2 key is refused by the stand-in; no key at all is a configuration error', async () => {
      const wrong = new WechatPayClient(wx.clientConfig({ apiV2Key: 'x'.repeat(32) }));
      expect(
        (
          await rejection(
            wrong.micropay({
              outTradeNo: outNo('M'),
              description: 'x',
              amountFen: 1,
              authCode: wx.issuePaymentCode(),
              clientIp: '1.1.1.1',
            }),
          )
        ).kind,
      ).toBe('misconfigured');
      const none = new WechatPayClient(wx.clientConfig({ apiV2Key: null }));
      expect(
        (
          await rejection(
            none.micropay({
              outTradeNo: outNo('M'),
              description: 'x',
              amountFen: 1,
              authCode: '134567890123456789',
              clientIp: '1.1.1.1',
            }),
          )
        ).code,
      ).toBe('NO_API_V2_KEY');
    });
  });

  describe('发货信息管理 (§A7.4)', () => {
    it('a paid order is uploaded as virtual goods; unpaid and unknown orders get WeChat errcodes', async () => {
      expect(await client.isTradeManaged()).toBe(true);
      const no = outNo('S');
      await prepay(no);
      expect(
        await client.uploadShipping({
          outTradeNo: no,
          payerOpenid: 'o-resident-1',
          itemDesc: '物业费-3栋1201-2026年11月',
        }),
      ).toEqual({ ok: false, errcode: 10060004, errmsg: '支付单处于不可发货的状态' });
      wx.pay(no);
      await receiver.waitFor(1);
      expect(
        await client.uploadShipping({
          outTradeNo: no,
          payerOpenid: 'o-resident-1',
          itemDesc: '物业费-3栋1201-2026年11月',
        }),
      ).toEqual({ ok: true });
      expect(wx.shipments.filter((x) => x.outTradeNo === no)).toEqual([
        expect.objectContaining({ logisticsType: 3, itemDesc: '物业费-3栋1201-2026年11月', openid: 'o-resident-1' }),
      ]);
      expect(
        await client.uploadShipping({ outTradeNo: outNo('NONE'), payerOpenid: 'o-1', itemDesc: 'x' }),
      ).toMatchObject({ ok: false, errcode: 10060001 });
      wx.failNextShipping(10060004);
      expect(
        await client.uploadShipping({ outTradeNo: no, payerOpenid: 'o-resident-1', itemDesc: 'x', logisticsType: 4 }),
      ).toMatchObject({ ok: false, errcode: 10060004 });
      wx.setTradeManaged(false);
      expect(await client.isTradeManaged()).toBe(false);
      wx.setTradeManaged(true);
    });

    it("without a mini-program channel the upload is a configuration error; a wrong token is WeChat's 40001", async () => {
      const none = new WechatPayClient(wx.clientConfig({ shipping: null }));
      expect(
        (await rejection(none.uploadShipping({ outTradeNo: 'X12345', payerOpenid: 'o', itemDesc: 'x' }))).code,
      ).toBe('NO_SHIPPING_CHANNEL');
      const stale = new WechatPayClient(
        wx.clientConfig({ shipping: { apiBase: wx.url, withAccessToken: (fn) => fn('stale-token') } }),
      );
      expect(await stale.uploadShipping({ outTradeNo: 'X12345', payerOpenid: 'o', itemDesc: 'x' })).toMatchObject({
        ok: false,
        errcode: 40001,
      });
      expect((await rejection(stale.isTradeManaged())).code).toBe('40001');
    });
  });

  describe('transport and signatures', () => {
    it('the stand-in refuses a request signed with another merchant key (401 SIGN_ERROR → misconfigured)', async () => {
      const other = new WechatPayClient(
        wx.clientConfig({ privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }),
      );
      const e = await rejection(other.queryByOutTradeNo('ANY-ORDER-1'));
      expect([e.kind, e.code, e.status]).toEqual(['misconfigured', 'SIGN_ERROR', 401]);
    });

    it('an answer signed by an unknown key is not trusted', async () => {
      const no = outNo();
      await prepay(no);
      wx.failNext('badSignature');
      const e = await rejection(client.queryByOutTradeNo(no));
      expect([e.kind, e.code]).toEqual(['unavailable', 'BAD_SIGNATURE']);
      // Not even "no such order" is believed without a valid signature.
      wx.failNext('badSignature');
      expect((await rejection(client.queryByOutTradeNo('ANY-ORDER-2'))).code).toBe('BAD_SIGNATURE');
      expect(await client.queryByOutTradeNo('ANY-ORDER-2')).toBeNull();
    });

    it('500 and timeouts are unavailable; logs carry no order number, openid or URL', async () => {
      wx.failNext('http500');
      const no = outNo('SECRET');
      expect((await rejection(prepay(no))).kind).toBe('unavailable');
      wx.failNext('timeout');
      const slow = new WechatPayClient(wx.clientConfig({ timeoutMs: 200 }), {
        warn: (obj, msg) => warnings.push({ obj, msg }),
      });
      const e = await rejection(slow.queryByOutTradeNo(no));
      expect([e.kind, e.code]).toEqual(['unavailable', 'TIMEOUT']);
      expect(warnings.length).toBeGreaterThanOrEqual(2);
      const logged = JSON.stringify(warnings);
      for (const secret of [no, 'o-resident-1', wx.url, wx.apiV3Key]) expect(logged).not.toContain(secret);
    });
  });

  it('notify retries follow the schedule (scaled) until a 2xx, and a 200 with an error body ends them', async () => {
    const no = outNo('RETRY');
    await prepay(no);
    receiver.answerNext(500, 503, 404, 200);
    wx.pay(no);
    await receiver.waitFor(4);
    await wx.notifiesSettled();
    const log = wx.notifyLog.filter((l) => l.ref === no);
    expect(log.map((l) => [l.attempt, l.status])).toEqual([
      [1, 500],
      [2, 503],
      [3, 404],
      [4, 200],
    ]);
    // Scale 0.001: 15 s → 15 ms, 15 s → 15 ms, 30 s → 30 ms between attempts.
    const gaps = log.slice(1).map((l, i) => l.at - log[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(15);
    expect(gaps[1]).toBeGreaterThanOrEqual(15);
    expect(gaps[2]).toBeGreaterThanOrEqual(30);
    expect(new Set(log.map((l) => l.id)).size).toBe(1);
    await new Promise((r) => setTimeout(r, 250));
    expect(wx.notifyLog.filter((l) => l.ref === no)).toHaveLength(4);
  });
});

describe('WeChat Pay stand-in: the whole retry schedule', () => {
  it('an endpoint that never answers 2xx gets 1 + 15 deliveries on the documented schedule, then silence', async () => {
    const wx = await startWechatPayStandIn({ retryScale: 0.00002, notifyTimeoutMs: 500 });
    const client = new WechatPayClient(wx.clientConfig());
    const receiver = await startNotifyReceiver(() => client);
    try {
      receiver.answerNext(...Array.from({ length: 40 }, () => 500));
      const no = outNo('DOWN');
      await new WechatPayClient(wx.clientConfig({ notifyUrl: receiver.url })).prepayJsapi({
        description: '物业费',
        outTradeNo: no,
        amountFen: 1,
        payerOpenid: 'o-1',
        timeExpire: new Date(Date.now() + 60_000),
      });
      wx.pay(no);
      await wx.notifiesSettled();
      const log = wx.notifyLog.filter((l) => l.ref === no);
      expect(log).toHaveLength(16);
      const gaps = log.slice(1).map((l, i) => l.at - log[i]!.at);
      // The 6 h steps (21 600 s × 0.00002 = 432 ms) are the longest; the first ones are floored at 1 ms.
      expect(Math.min(gaps[13]!, gaps[14]!)).toBeGreaterThanOrEqual(400);
      expect(gaps[10]).toBeGreaterThanOrEqual(200);
      await new Promise((r) => setTimeout(r, 600));
      expect(receiver.received).toHaveLength(16);
    } finally {
      await wx.close();
      await receiver.close();
    }
  });
});
