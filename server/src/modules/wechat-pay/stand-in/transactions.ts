import { ERR, json, OUT_NO, type Reply } from './http';
import { prepayId, transactionOf, type StandInOrder } from './stand-in-state';

const PREPAY_TTL_MS = 2 * 3600_000;

export interface TransactionsContext {
  appId: string;
  mchid: string;
  orders: Map<string, StandInOrder>;
  /** prepay_id → its order, for the simulated cashier page. */
  prepays: Map<string, { outTradeNo: string; expiresAt: number }>;
  settleUserPaying(o: StandInOrder | undefined): void;
}

/** JSAPI prepay (§A7.1): the same parameters re-enter the same order; changed ones are refused like WeChat. */
export function prepay(ctx: TransactionsContext, raw: string): Reply {
  const { appId, mchid, orders, prepays } = ctx;
  const b = json(raw);
  const amount = b?.amount as { total?: unknown; currency?: unknown } | undefined;
  const openid = (b?.payer as { openid?: unknown } | undefined)?.openid;
  if (!b || typeof b.description !== 'string' || !b.description || [...b.description].length > 127)
    return ERR(400, 'PARAM_ERROR', 'description 格式错误');
  if (b.appid !== appId) return ERR(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
  if (b.mchid !== mchid) return ERR(400, 'PARAM_ERROR', 'mchid 与请求头不一致');
  if (typeof b.out_trade_no !== 'string' || !OUT_NO.test(b.out_trade_no))
    return ERR(400, 'PARAM_ERROR', 'out_trade_no 格式错误');
  if (typeof b.notify_url !== 'string' || !/^https?:\/\/[^?#\s]+$/.test(b.notify_url))
    return ERR(400, 'PARAM_ERROR', 'notify_url 格式错误');
  if (!amount || !Number.isInteger(amount.total) || (amount.total as number) <= 0)
    return ERR(400, 'PARAM_ERROR', 'amount.total 必须为正整数（分）');
  if (typeof openid !== 'string' || !openid) return ERR(400, 'PARAM_ERROR', 'payer.openid 缺失');
  if (b.attach !== undefined && (typeof b.attach !== 'string' || [...b.attach].length > 128))
    return ERR(400, 'PARAM_ERROR', 'attach 过长');
  const timeExpire =
    typeof b.time_expire === 'string' ? b.time_expire : new Date(Date.now() + PREPAY_TTL_MS).toISOString();
  if (Number.isNaN(Date.parse(timeExpire))) return ERR(400, 'PARAM_ERROR', 'time_expire 格式错误');
  const fingerprint = JSON.stringify([b.description, b.attach ?? '', b.notify_url, amount.total, openid, timeExpire]);
  let o = orders.get(b.out_trade_no);
  if (o) {
    if (o.state === 'SUCCESS' || o.state === 'REFUND') return ERR(400, 'ORDERPAID', '该订单已支付');
    if (o.state === 'CLOSED') return ERR(400, 'ORDER_CLOSED', '订单已关闭');
    if (o.fingerprint !== fingerprint) return ERR(400, 'INVALID_REQUEST', '201 商户订单号重复');
  } else {
    o = {
      outTradeNo: b.out_trade_no,
      appid: appId,
      description: b.description,
      attach: (b.attach as string | undefined) ?? '',
      notifyUrl: b.notify_url,
      amountFen: amount.total as number,
      openid,
      timeExpire,
      fingerprint,
      tradeType: 'JSAPI',
      state: 'NOTPAY',
      transactionId: null,
      successAt: null,
      confirmAt: null,
      refundedFen: 0,
    };
    orders.set(o.outTradeNo, o);
  }
  const id = prepayId();
  prepays.set(id, { outTradeNo: o.outTradeNo, expiresAt: Date.now() + PREPAY_TTL_MS });
  return { status: 200, body: { prepay_id: id } };
}

/** Close an unpaid order (§A7.4) → 204. */
export function close(ctx: TransactionsContext, outTradeNo: string, raw: string): Reply {
  const { mchid, orders, settleUserPaying } = ctx;
  if (json(raw)?.mchid !== mchid) return ERR(400, 'PARAM_ERROR', 'mchid 缺失或不一致');
  const o = orders.get(outTradeNo);
  if (!o) return ERR(404, 'ORDER_NOT_EXIST', '订单不存在');
  settleUserPaying(o);
  if (o.state === 'SUCCESS' || o.state === 'REFUND') return ERR(400, 'ORDERPAID', '订单已支付');
  o.state = 'CLOSED';
  return { status: 204 };
}

/** Order query by out_trade_no; a micropay whose payer confirmed meanwhile is paid first. */
export function queryOrder(ctx: TransactionsContext, outTradeNo: string, q: URLSearchParams): Reply {
  if (q.get('mchid') !== ctx.mchid) return ERR(400, 'PARAM_ERROR', 'mchid 缺失或不一致');
  const o = ctx.orders.get(outTradeNo);
  ctx.settleUserPaying(o);
  return o ? { status: 200, body: transactionOf(o, ctx.mchid) } : ERR(404, 'ORDER_NOT_EXIST', '订单不存在');
}
