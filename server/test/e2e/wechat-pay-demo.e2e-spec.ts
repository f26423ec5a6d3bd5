import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../src/config/app-config';
import { ConfigModule } from '../../src/config/config.module';
import type { WechatPayStandIn } from '../../src/modules/wechat-pay/stand-in/wechatpay-stand-in';
import { WechatPayClient, WechatPayError } from '../../src/modules/wechat-pay/wechat-pay.client';
import { WechatPayModule } from '../../src/modules/wechat-pay/wechat-pay.module';
import { WECHAT_PAY_STAND_IN } from '../../src/modules/wechat-pay/wechat-pay.tokens';
import { outNo, startNotifyReceiver, type NotifyReceiver } from './wechat-pay-helpers';

@Module({})
class Root {
  static with(env: Record<string, string>): DynamicModule {
    const config = loadConfig({ DATA_DIR: '/tmp/wxpay-demo-spec', JWT_SECRET: 'x'.repeat(40), ...env });
    return { module: Root, imports: [ConfigModule.forRoot(config), WechatPayModule] };
  }
}

/** The embedded demo's wiring: WECHATPAY_MODE=stand-in starts the stand-in in-process; the H5 pays on its cashier page. */
describe('WeChat Pay module and the H5 demo cashier', () => {
  let ctx: INestApplicationContext;
  let client: WechatPayClient;
  let standIn: WechatPayStandIn;
  let receiver: NotifyReceiver;

  beforeAll(async () => {
    receiver = await startNotifyReceiver(() => client);
    ctx = await NestFactory.createApplicationContext(
      Root.with({
        NODE_ENV: 'development',
        WECHATPAY_STANDIN_SERIAL_MODE: 'certificate',
        WECHATPAY_NOTIFY_URL: receiver.url,
      }),
      { logger: false },
    );
    client = ctx.get(WechatPayClient);
    standIn = ctx.get<WechatPayStandIn>(WECHAT_PAY_STAND_IN);
  });
  afterAll(async () => {
    await ctx?.close();
    await receiver.close();
  });

  async function order(fen = 8_800) {
    const no = outNo('H5');
    const { prepayId } = await client.prepayJsapi({
      description: '物业费-1栋101-2026年11月',
      outTradeNo: no,
      amountFen: fen,
      payerOpenid: 'o-demo',
      timeExpire: new Date(Date.now() + 600_000),
    });
    return { no, params: client.payParams(prepayId) };
  }

  it('development defaults to the in-process stand-in and the client talks to it with the configured notify URL', async () => {
    expect(client.enabled).toBe(true);
    expect(standIn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(standIn.serialMode).toBe('certificate');
    const { no } = await order();
    expect((await client.queryByOutTradeNo(no))?.trade_state).toBe('NOTPAY');
  });

  it('cashier page: shows the amount, 确认支付 pays, redirects with requestPayment:ok, and the notify reaches the merchant', async () => {
    receiver.received.length = 0;
    const { no, params } = await order(12_345);
    const page = await fetch(standIn.cashierUrl(params, 'http://127.0.0.1:3000/h5/#/pages/pay/result?no=1'));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('¥123.45');
    expect(html).toContain('确认支付');
    const form = new URLSearchParams({ ...params, redirect: 'http://127.0.0.1:3000/h5/pay-result', action: 'confirm' });
    const res = await fetch(`${standIn.url}/__standin/cashier/confirm`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('http://127.0.0.1:3000/h5/pay-result?errMsg=requestPayment%3Aok');
    const [n] = await receiver.waitFor(1);
    expect(n!.verification.ok && n!.verification.kind === 'transaction' && n!.verification.resource.out_trade_no).toBe(
      no,
    );
    expect((await client.queryByOutTradeNo(no))?.trade_state).toBe('SUCCESS');
    // Paying again is refused: the order is no longer NOTPAY.
    const again = await fetch(`${standIn.url}/__standin/h5/request-payment`, {
      method: 'POST',
      body: JSON.stringify(params),
    });
    expect([again.status, ((await again.json()) as { errMsg: string }).errMsg]).toEqual([
      409,
      'requestPayment:fail 订单状态为SUCCESS，无法支付',
    ]);
  });

  it('H5 JSON hook: CORS preflight, cancel leaves the order unpaid, a forged paySign is refused, then ok pays', async () => {
    const { no, params } = await order();
    const pre = await fetch(`${standIn.url}/__standin/h5/request-payment`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:3000' },
    });
    expect([pre.status, pre.headers.get('access-control-allow-origin')]).toEqual([204, '*']);
    const call = (body: object) =>
      fetch(`${standIn.url}/__standin/h5/request-payment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => [r.status, ((await r.json()) as { errMsg: string }).errMsg]);
    expect(await call({ ...params, action: 'cancel' })).toEqual([200, 'requestPayment:fail cancel']);
    expect((await client.queryByOutTradeNo(no))?.trade_state).toBe('NOTPAY');
    expect(await call({ ...params, paySign: params.paySign.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).toEqual([
      400,
      'requestPayment:fail 支付验证签名失败',
    ]);
    expect(await call({ ...params, package: 'prepay_id=wx-unknown' })).toEqual([
      400,
      'requestPayment:fail prepay_id 无效或已过期',
    ]);
    expect(await call(params)).toEqual([200, 'requestPayment:ok']);
    expect((await client.queryByOutTradeNo(no))?.trade_state).toBe('SUCCESS');
  });

  it('cancel on the cashier page returns to a hash-routed H5 page with requestPayment:fail cancel', async () => {
    const { no, params } = await order();
    const form = new URLSearchParams({
      ...params,
      redirect: 'http://127.0.0.1:3000/h5/#/pages/pay/result?no=7',
      action: 'cancel',
    });
    const res = await fetch(`${standIn.url}/__standin/cashier/confirm`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect([res.status, res.headers.get('location')]).toEqual([
      303,
      'http://127.0.0.1:3000/h5/#/pages/pay/result?no=7&errMsg=requestPayment%3Afail%20cancel',
    ]);
    expect((await client.queryByOutTradeNo(no))?.trade_state).toBe('NOTPAY');
  });

  it('the cashier page refuses parameters whose paySign does not verify', async () => {
    const { params } = await order();
    const res = await fetch(standIn.cashierUrl({ ...params, nonceStr: 'tampered' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('支付验证签名失败');
  });

  it('POST /__standin/pay/:outTradeNo is the test hook; closing the app closes the stand-in', async () => {
    const { no } = await order();
    const res = await fetch(`${standIn.url}/__standin/pay/${no}`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { trade_state: string }).trade_state).toBe('SUCCESS');
    expect((await fetch(`${standIn.url}/__standin/pay/${no}`, { method: 'POST' })).status).toBe(409);
    const other = await NestFactory.createApplicationContext(
      Root.with({ NODE_ENV: 'development', WECHATPAY_NOTIFY_URL: receiver.url }),
      { logger: false },
    );
    const url = other.get<WechatPayStandIn>(WECHAT_PAY_STAND_IN).url;
    await other.close();
    await expect(fetch(`${url}/__standin/pay/x`, { method: 'POST' })).rejects.toThrow();
  });

  it('WECHATPAY_MODE=off gives a disabled client that refuses every call', async () => {
    const off = await NestFactory.createApplicationContext(Root.with({ NODE_ENV: 'test' }), { logger: false });
    try {
      const c = off.get(WechatPayClient);
      expect(c.enabled).toBe(false);
      expect(off.get(WECHAT_PAY_STAND_IN)).toBeNull();
      await expect(c.queryByOutTradeNo('X12345')).rejects.toMatchObject({
        kind: 'misconfigured',
        code: 'NOT_CONFIGURED',
      });
      expect(() => c.payParams('wx1')).toThrow(WechatPayError);
      expect(c.verifyNotify({}, '')).toEqual({ ok: false, reason: 'unknown-serial' });
    } finally {
      await off.close();
    }
  });
});
