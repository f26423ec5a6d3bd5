import { generateKeyPairSync } from 'node:crypto';
import { WechatPayClient } from '../../src/modules/wechat-pay/wechat-pay.client';
import { paySignMessage, platformHeaders, rsaVerify } from '../../src/modules/wechat-pay/wechat-pay.crypto';
import { startWechatPayStandIn } from '../stand-ins/wechatpay-stand-in';
import { wechatPayClientSuite } from './wechat-pay-client-suite';
import { outNo, startNotifyReceiver } from './wechat-pay-helpers';

/** The WeChat Pay client against the stand-in over real HTTP (docs wechat.md §A7, docs/wechat-pay.md): prepay, payParams and notifies. Orders, refunds and bills: wechat-pay-client-orders; micropay, shipping and transport: wechat-pay-client-desk. */
describe('WechatPayClient ↔ WeChat Pay stand-in', () => {
  const s = wechatPayClientSuite();

  it('prepay: same parameters re-enter the same order with a fresh prepay_id; changed ones are refused', async () => {
    const no = outNo();
    const a = await s.prepay(no);
    const b = await s.prepay(no);
    expect(a.prepayId).toMatch(/^wx/);
    expect(b.prepayId).not.toBe(a.prepayId);
    expect((await s.client.queryByOutTradeNo(no))?.trade_state).toBe('NOTPAY');
    const changed = await s.rejection(s.prepay(no, 100));
    expect([changed.kind, changed.code, changed.status, changed.message]).toEqual([
      'rejected',
      'INVALID_REQUEST',
      400,
      '201 商户订单号重复',
    ]);
  });

  it('payParams: paySign verifies with the merchant public key over appId/timeStamp/nonceStr/package', async () => {
    const { prepayId } = await s.prepay(outNo());
    const p = s.client.payParams(prepayId);
    expect(p).toMatchObject({ appId: s.wx.appId, package: `prepay_id=${prepayId}`, signType: 'RSA' });
    expect(p.timeStamp).toMatch(/^\d{10}$/);
    expect(p.nonceStr.length).toBeLessThanOrEqual(32);
    expect(
      rsaVerify(paySignMessage(p.appId, p.timeStamp, p.nonceStr, p.package), p.paySign, s.wx.merchant.publicKey),
    ).toBe(true);
    expect(
      rsaVerify(
        paySignMessage(p.appId, p.timeStamp, p.nonceStr, 'prepay_id=other'),
        p.paySign,
        s.wx.merchant.publicKey,
      ),
    ).toBe(false);
  });

  it.each(['public-key', 'certificate'] as const)(
    'a genuine payment notify verifies and decrypts (%s serial)',
    async (mode) => {
      s.wx.setSerialMode(mode);
      const no = outNo();
      await s.prepay(no);
      s.wx.pay(no);
      const [n] = await s.receiver.waitFor(1);
      expect(n!.headers['wechatpay-serial']).toBe(
        mode === 'certificate' ? s.wx.platform.certificate.serial : s.wx.platform.publicKey.id,
      );
      expect(n!.verification.ok).toBe(true);
      if (!n!.verification.ok || n!.verification.kind !== 'transaction') throw new Error('not a transaction');
      expect(n!.verification.event.event_type).toBe('TRANSACTION.SUCCESS');
      expect(n!.verification.resource).toMatchObject({
        appid: s.wx.appId,
        mchid: s.wx.mchid,
        out_trade_no: no,
        trade_state: 'SUCCESS',
        trade_type: 'JSAPI',
        attach: 'bill:42',
        payer: { openid: 'o-resident-1' },
        amount: { total: 129120, payer_total: 129120, currency: 'CNY' },
      });
      expect(JSON.parse(n!.raw.toString()).resource.algorithm).toBe('AEAD_AES_256_GCM');
      await s.wx.notifiesSettled();
      expect(s.wx.notifyLog.filter((l) => l.ref === no).map((l) => l.status)).toEqual([204]);
    },
  );

  describe('notify rejections', () => {
    let genuine: { headers: Record<string, string>; raw: Buffer };
    beforeAll(async () => {
      s.receiver.received.length = 0;
      s.wx.setSerialMode('public-key');
      const no = outNo();
      await s.prepay(no);
      s.wx.pay(no);
      const [n] = await s.receiver.waitFor(1);
      genuine = { headers: n!.headers as Record<string, string>, raw: n!.raw };
    });

    it('forged signature (signed by a key WeChat does not hold) → bad-signature', () => {
      const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const forged = platformHeaders(genuine.raw, s.wx.platform.publicKey.id, forger);
      expect(s.client.verifyNotify(forged, genuine.raw)).toEqual({ ok: false, reason: 'bad-signature' });
      expect(
        s.client.verifyNotify({ ...genuine.headers, 'wechatpay-signature': 'WECHATPAY/SIGNTEST/abc' }, genuine.raw),
      ).toEqual({ ok: false, reason: 'bad-signature' });
    });

    it('stale timestamp (> 300 s either way) → stale-timestamp; replayed within 300 s still verifies', () => {
      const ts = Number(genuine.headers['wechatpay-timestamp']);
      expect(s.client.verifyNotify(genuine.headers, genuine.raw, ts + 301)).toEqual({
        ok: false,
        reason: 'stale-timestamp',
      });
      expect(s.client.verifyNotify(genuine.headers, genuine.raw, ts - 301)).toEqual({
        ok: false,
        reason: 'stale-timestamp',
      });
      expect(s.client.verifyNotify(genuine.headers, genuine.raw, ts + 299).ok).toBe(true);
    });

    it('tampered ciphertext: bad-signature as delivered; decrypt-failed even when re-signed with the platform key', () => {
      const body = JSON.parse(genuine.raw.toString());
      const ct = Buffer.from(body.resource.ciphertext, 'base64');
      ct[3] ^= 0x01;
      body.resource.ciphertext = ct.toString('base64');
      const tampered = Buffer.from(JSON.stringify(body));
      expect(s.client.verifyNotify(genuine.headers, tampered)).toEqual({ ok: false, reason: 'bad-signature' });
      const resigned = platformHeaders(tampered, s.wx.platform.publicKey.id, s.wx.platform.publicKey.privateKey);
      expect(s.client.verifyNotify(resigned, tampered)).toEqual({ ok: false, reason: 'decrypt-failed' });
    });

    it('unknown serial → unknown-serial; a client that only knows the certificate refuses public-key notifies', () => {
      expect(s.client.verifyNotify({ ...genuine.headers, 'wechatpay-serial': 'PUB_KEY_ID_9999' }, genuine.raw)).toEqual(
        {
          ok: false,
          reason: 'unknown-serial',
        },
      );
      const certOnly = new WechatPayClient(
        s.wx.clientConfig({
          platformKeys: new Map([[s.wx.platform.certificate.serial, s.wx.platform.certificate.publicKey]]),
        }),
      );
      expect(certOnly.verifyNotify(genuine.headers, genuine.raw)).toEqual({ ok: false, reason: 'unknown-serial' });
    });

    it('missing headers and a non-JSON body are refused', () => {
      expect(s.client.verifyNotify({}, genuine.raw)).toEqual({ ok: false, reason: 'missing-headers' });
      const junk = Buffer.from('not json');
      expect(
        s.client.verifyNotify(
          platformHeaders(junk, s.wx.platform.publicKey.id, s.wx.platform.publicKey.privateKey),
          junk,
        ),
      ).toEqual({ ok: false, reason: 'malformed-body' });
    });
  });

  it('notify lab (for R5 tests): genuine copies verify; each spoiled variant fails for its own reason', async () => {
    const no = outNo('LAB');
    await s.prepay(no);
    s.wx.pay(no);
    await s.receiver.waitFor(1);
    s.receiver.received.length = 0;
    const genuine = s.wx.buildNotify(no);
    expect(await s.wx.deliverNotify(s.receiver.url, genuine, 20)).toEqual(Array.from({ length: 20 }, () => 204));
    expect(new Set(s.receiver.received.map((r) => r.raw.toString())).size).toBe(1);
    const wrongAmount = s.wx.buildNotify(no, { resource: { amount: { total: 1, currency: 'CNY' } } });
    expect(await s.wx.deliverNotify(s.receiver.url, wrongAmount)).toEqual([204]);
    const v = s.receiver.received.at(-1)!.verification;
    expect(v.ok && v.kind === 'transaction' && v.resource.amount.total).toBe(1);
    const reasons: Record<string, string> = {};
    for (const spoil of ['forged-signature', 'stale-timestamp', 'tampered-ciphertext', 'unknown-serial'] as const) {
      expect(await s.wx.deliverNotify(s.receiver.url, s.wx.buildNotify(no, { spoil }))).toEqual([401]);
      const r = s.receiver.received.at(-1)!.verification;
      reasons[spoil] = r.ok ? 'ok' : r.reason;
    }
    expect(reasons).toEqual({
      'forged-signature': 'bad-signature',
      'stale-timestamp': 'stale-timestamp',
      'tampered-ciphertext': 'decrypt-failed',
      'unknown-serial': 'unknown-serial',
    });
  });

  it('notify retries follow the schedule (scaled) until a 2xx, and a 200 with an error body ends them', async () => {
    const no = outNo('RETRY');
    await s.prepay(no);
    s.receiver.answerNext(500, 503, 404, 200);
    s.wx.pay(no);
    await s.receiver.waitFor(4);
    await s.wx.notifiesSettled();
    const log = s.wx.notifyLog.filter((l) => l.ref === no);
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
    expect(s.wx.notifyLog.filter((l) => l.ref === no)).toHaveLength(4);
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
