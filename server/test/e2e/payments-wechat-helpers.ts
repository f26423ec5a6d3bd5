import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { WechatPayStandIn } from '../../src/modules/wechat-pay/stand-in/wechatpay-stand-in';
import { encryptResource, platformHeaders } from '../../src/modules/wechat-pay/wechat-pay.crypto';
import { WECHAT_PAY_STAND_IN } from '../../src/modules/wechat-pay/wechat-pay.tokens';
import { bootTestApp, type TestApp } from '../support/test-app';

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The real app listening on a port, with the in-process WeChat Pay stand-in notifying it there. */
export async function bootPayApp(): Promise<{ t: TestApp; standIn: WechatPayStandIn; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await bootTestApp({
    WECHATPAY_MODE: 'stand-in',
    WECHATPAY_NOTIFY_URL: `${base}/api/payments/wechat/notify`,
    WECHATPAY_REFUND_NOTIFY_URL: `${base}/api/payments/wechat/refund-notify`,
    WECHATPAY_STANDIN_RETRY_SCALE: '0.001',
    WECHATPAY_STANDIN_HOST: '127.0.0.1',
  });
  await t.app.listen(port, '127.0.0.1');
  return { t, standIn: t.app.get<WechatPayStandIn>(WECHAT_PAY_STAND_IN), base };
}

export interface CraftOptions {
  /** Sign with a key the server does not know, under the real serial. */
  forge?: boolean;
  timestamp?: number;
  tamper?: boolean;
  eventType?: string;
}

/** A TRANSACTION.SUCCESS (or other) notify as WeChat Pay would send it, signed/encrypted with the stand-in's keys. */
export function craftNotify(
  standIn: WechatPayStandIn,
  resource: object,
  o: CraftOptions = {},
): { body: string; headers: Record<string, string> } {
  const enc = encryptResource(JSON.stringify(resource), standIn.apiV3Key, 'transaction');
  if (o.tamper)
    enc.ciphertext = `${enc.ciphertext.slice(0, 10)}${enc.ciphertext[10] === 'A' ? 'B' : 'A'}${enc.ciphertext.slice(11)}`;
  const body = JSON.stringify({
    id: `n-${Math.random()}`,
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: o.eventType ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: enc,
  });
  const key = o.forge
    ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    : standIn.platform.publicKey.privateKey;
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      ...platformHeaders(body, standIn.platform.publicKey.id, key, String(ts)),
    },
  };
}

export const postNotify = (base: string, n: { body: string; headers: Record<string, string> }) =>
  request(base).post('/api/payments/wechat/notify').set(n.headers).send(n.body);

export const transaction = (
  standIn: WechatPayStandIn,
  outTradeNo: string,
  total: number,
  over: Record<string, unknown> = {},
) => ({
  appid: standIn.appId,
  mchid: standIn.mchid,
  out_trade_no: outTradeNo,
  transaction_id: `42000${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 28),
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  bank_type: 'OTHERS',
  success_time: new Date().toISOString(),
  payer: { openid: 'o-x' },
  amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
  ...over,
});

/** Polls until `check` holds (notifies and refunds settle asynchronously). */
export const until = async (check: () => Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
};
