import { generateKeyPairSync } from 'node:crypto';
import { WechatPayClient } from '../../src/modules/wechat-pay/wechat-pay.client';
import { outNo } from './wechat-pay-helpers';
import { wechatPayClientSuite } from './wechat-pay-client-suite';

/** The WeChat Pay client against the stand-in: 付款码 (APIv2), 发货信息管理 and the signed transport. */
describe('WechatPayClient ↔ WeChat Pay stand-in: micropay, shipping, transport', () => {
  const s = wechatPayClientSuite();

  describe('micropay (付款码, APIv2)', () => {
    const mp = (authCode: string, no = outNo('M')) =>
      s.client.micropay({ outTradeNo: no, description: '物业费', amountFen: 5_000, authCode, clientIp: '10.0.0.8' });

    it('a scanned code pays at once; the order shows up in query as MICROPAY', async () => {
      const no = outNo('M');
      const r = await mp(s.wx.issuePaymentCode('success', 'o-payer-9'), no);
      expect(r).toMatchObject({ state: 'SUCCESS', openid: 'o-payer-9', amountFen: 5_000 });
      expect((await s.client.queryByOutTradeNo(no))?.trade_type).toBe('MICROPAY');
    });

    it('USERPAYING, then the query succeeds once the payer confirms', async () => {
      const no = outNo('M');
      expect(await mp(s.wx.issuePaymentCode('userpaying'), no)).toEqual({ state: 'USERPAYING' });
      expect(await s.client.queryMicropay(no)).toEqual({ state: 'USERPAYING' });
      await new Promise((r) => setTimeout(r, 1_550));
      expect(await s.client.queryMicropay(no)).toMatchObject({ state: 'SUCCESS', amountFen: 5_000 });
    });

    it('insufficient balance, expired and malformed codes fail with WeChat err_code', async () => {
      expect(await mp(s.wx.issuePaymentCode('insufficient'))).toMatchObject({ state: 'FAILED', code: 'NOTENOUGH' });
      expect(await mp(s.wx.issuePaymentCode('expired'))).toMatchObject({ state: 'FAILED', code: 'AUTHCODEEXPIRE' });
      expect(await mp('99999')).toMatchObject({ state: 'FAILED', code: 'AUTH_CODE_INVALID' });
      expect(await s.client.queryMicropay(outNo('NONE'))).toMatchObject({ state: 'FAILED', code: 'ORDERNOTEXIST' });
    });

    it('a wrong APIv2 key is refused by the stand-in; no key at all is a configuration error', async () => {
      const wrong = new WechatPayClient(s.wx.clientConfig({ apiV2Key: 'x'.repeat(32) }));
      expect(
        (
          await s.rejection(
            wrong.micropay({
              outTradeNo: outNo('M'),
              description: 'x',
              amountFen: 1,
              authCode: s.wx.issuePaymentCode(),
              clientIp: '1.1.1.1',
            }),
          )
        ).kind,
      ).toBe('misconfigured');
      const none = new WechatPayClient(s.wx.clientConfig({ apiV2Key: null }));
      expect(
        (
          await s.rejection(
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
      expect(await s.client.isTradeManaged()).toBe(true);
      const no = outNo('S');
      await s.prepay(no);
      expect(
        await s.client.uploadShipping({
          outTradeNo: no,
          payerOpenid: 'o-resident-1',
          itemDesc: '物业费-3栋1201-2026年11月',
        }),
      ).toEqual({ ok: false, errcode: 10060004, errmsg: '支付单处于不可发货的状态' });
      s.wx.pay(no);
      await s.receiver.waitFor(1);
      expect(
        await s.client.uploadShipping({
          outTradeNo: no,
          payerOpenid: 'o-resident-1',
          itemDesc: '物业费-3栋1201-2026年11月',
        }),
      ).toEqual({ ok: true });
      expect(s.wx.shipments.filter((x) => x.outTradeNo === no)).toEqual([
        expect.objectContaining({ logisticsType: 3, itemDesc: '物业费-3栋1201-2026年11月', openid: 'o-resident-1' }),
      ]);
      expect(
        await s.client.uploadShipping({ outTradeNo: outNo('NONE'), payerOpenid: 'o-1', itemDesc: 'x' }),
      ).toMatchObject({ ok: false, errcode: 10060001 });
      s.wx.failNextShipping(10060004);
      expect(
        await s.client.uploadShipping({ outTradeNo: no, payerOpenid: 'o-resident-1', itemDesc: 'x', logisticsType: 4 }),
      ).toMatchObject({ ok: false, errcode: 10060004 });
      s.wx.setTradeManaged(false);
      expect(await s.client.isTradeManaged()).toBe(false);
      s.wx.setTradeManaged(true);
    });

    it("without a mini-program channel the upload is a configuration error; a wrong token is WeChat's 40001", async () => {
      const none = new WechatPayClient(s.wx.clientConfig({ shipping: null }));
      expect(
        (await s.rejection(none.uploadShipping({ outTradeNo: 'X12345', payerOpenid: 'o', itemDesc: 'x' }))).code,
      ).toBe('NO_SHIPPING_CHANNEL');
      const stale = new WechatPayClient(
        s.wx.clientConfig({ shipping: { apiBase: s.wx.url, withAccessToken: (fn) => fn('stale-token') } }),
      );
      expect(await stale.uploadShipping({ outTradeNo: 'X12345', payerOpenid: 'o', itemDesc: 'x' })).toMatchObject({
        ok: false,
        errcode: 40001,
      });
      expect((await s.rejection(stale.isTradeManaged())).code).toBe('40001');
    });
  });

  describe('transport and signatures', () => {
    it('the stand-in refuses a request signed with another merchant key (401 SIGN_ERROR → misconfigured)', async () => {
      const other = new WechatPayClient(
        s.wx.clientConfig({ privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }),
      );
      const e = await s.rejection(other.queryByOutTradeNo('ANY-ORDER-1'));
      expect([e.kind, e.code, e.status]).toEqual(['misconfigured', 'SIGN_ERROR', 401]);
    });

    it('an answer signed by an unknown key is not trusted', async () => {
      const no = outNo();
      await s.prepay(no);
      s.wx.failNext('badSignature');
      const e = await s.rejection(s.client.queryByOutTradeNo(no));
      expect([e.kind, e.code]).toEqual(['unavailable', 'BAD_SIGNATURE']);
      // Not even "no such order" is believed without a valid signature.
      s.wx.failNext('badSignature');
      expect((await s.rejection(s.client.queryByOutTradeNo('ANY-ORDER-2'))).code).toBe('BAD_SIGNATURE');
      expect(await s.client.queryByOutTradeNo('ANY-ORDER-2')).toBeNull();
    });

    it('500 and timeouts are unavailable; logs carry no order number, openid or URL', async () => {
      s.wx.failNext('http500');
      const no = outNo('SECRET');
      expect((await s.rejection(s.prepay(no))).kind).toBe('unavailable');
      s.wx.failNext('timeout');
      const slow = new WechatPayClient(s.wx.clientConfig({ timeoutMs: 200 }), {
        warn: (obj, msg) => s.warnings.push({ obj, msg }),
      });
      const e = await s.rejection(slow.queryByOutTradeNo(no));
      expect([e.kind, e.code]).toEqual(['unavailable', 'TIMEOUT']);
      expect(s.warnings.length).toBeGreaterThanOrEqual(2);
      const logged = JSON.stringify(s.warnings);
      for (const secret of [no, 'o-resident-1', s.wx.url, s.wx.apiV3Key]) expect(logged).not.toContain(secret);
    });
  });
});
