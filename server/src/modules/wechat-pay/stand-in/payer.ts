import type { KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { paySignMessage, rsaVerify } from '../wechat-pay.crypto';
import type { WechatTransaction } from '../wechat-pay.types';
import { cashierPage, resultPage } from './cashier-page';
import { ERR, html, json, type Reply } from './http';
import type { StandInOrder } from './stand-in-state';

export interface PayerContext {
  appId: string;
  mchid: string;
  merchantPublicKey: KeyObject;
  prepays: Map<string, { outTradeNo: string; expiresAt: number }>;
  orders: Map<string, StandInOrder>;
  pay(outTradeNo: string): WechatTransaction;
}

/** Adds errMsg to the redirect's query — inside the hash when the H5 uses hash routes (`/h5/#/pages/…?x=1`). */
export function withResult(redirect: string, errMsg: string): string {
  const param = `errMsg=${encodeURIComponent(errMsg)}`;
  const hash = redirect.indexOf('#');
  if (hash >= 0) {
    const frag = redirect.slice(hash);
    return `${redirect.slice(0, hash)}${frag}${frag.includes('?') ? '&' : '?'}${param}`;
  }
  const u = new URL(redirect);
  u.searchParams.set('errMsg', errMsg);
  return u.toString();
}

/** The check WeChat's client does before its cashier: known, unexpired prepay_id and a paySign by the merchant key. */
function checkPaySign(ctx: PayerContext, p: Record<string, string | undefined>): StandInOrder | string {
  const prepay = /^prepay_id=(.+)$/.exec(p.package ?? '')?.[1];
  const entry = prepay ? ctx.prepays.get(prepay) : undefined;
  if (!entry || entry.expiresAt < Date.now()) return 'prepay_id 无效或已过期';
  if (p.appId !== ctx.appId || p.signType !== 'RSA' || !p.timeStamp || !p.nonceStr || !p.paySign)
    return '支付参数不完整';
  if (!rsaVerify(paySignMessage(p.appId, p.timeStamp, p.nonceStr, p.package!), p.paySign, ctx.merchantPublicKey))
    return '支付验证签名失败';
  return ctx.orders.get(entry.outTradeNo)!;
}

function payFromClient(
  ctx: PayerContext,
  p: Record<string, string | undefined>,
  action: string | undefined,
): { errMsg: string; status: number } {
  const o = checkPaySign(ctx, p);
  if (typeof o === 'string') return { errMsg: `requestPayment:fail ${o}`, status: 400 };
  if (action === 'cancel') return { errMsg: 'requestPayment:fail cancel', status: 200 };
  try {
    ctx.pay(o.outTradeNo);
    return { errMsg: 'requestPayment:ok', status: 200 };
  } catch {
    return { errMsg: `requestPayment:fail 订单状态为${o.state}，无法支付`, status: 409 };
  }
}

/** The simulated payer: `/__standin/pay/{no}` (test hook), the cashier page (H5 demo) and the H5 JSON hook. */
export function handlePayer(ctx: PayerContext, req: IncomingMessage, u: URL, raw: string): Reply {
  const p = u.pathname;
  if (p.startsWith('/__standin/pay/') && req.method === 'POST') {
    try {
      return { status: 200, body: ctx.pay(decodeURIComponent(p.slice('/__standin/pay/'.length))) };
    } catch (e) {
      return ERR(409, 'NOT_PAYABLE', (e as Error).message);
    }
  }
  if (p === '/__standin/cashier' && req.method === 'GET') {
    const fields = Object.fromEntries(u.searchParams);
    const o = checkPaySign(ctx, fields);
    if (typeof o === 'string') return html(400, resultPage('无法支付', o));
    return html(
      200,
      cashierPage({ amountFen: o.amountFen, description: o.description, merchant: `商户号 ${ctx.mchid}`, fields }),
    );
  }
  if (p === '/__standin/cashier/confirm' && req.method === 'POST') {
    const fields = Object.fromEntries(new URLSearchParams(raw));
    const { errMsg } = payFromClient(ctx, fields, fields.action);
    // Demo-only page: any http(s) redirect is followed, as the H5 may be reached under any host.
    if (fields.redirect && /^https?:\/\//.test(fields.redirect))
      return { status: 303, headers: { location: withResult(fields.redirect, errMsg) } };
    return html(200, resultPage(errMsg === 'requestPayment:ok' ? '支付成功' : '未支付', errMsg));
  }
  if (p === '/__standin/h5/request-payment' && req.method === 'POST') {
    const b = (json(raw) ?? {}) as Record<string, string | undefined>;
    const { errMsg, status } = payFromClient(ctx, b, b.action);
    return { status, body: { errMsg } };
  }
  return ERR(404, 'NOT_FOUND', '无此接口');
}
