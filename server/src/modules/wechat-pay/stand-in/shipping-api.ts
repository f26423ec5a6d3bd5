import { json, type Reply } from './http';
import type { StandInOrder } from './stand-in-state';

export interface Shipment {
  outTradeNo: string;
  logisticsType: number;
  itemDesc: string;
  openid: string;
  at: number;
}

export interface ShippingContext {
  appId: string;
  mchid: string;
  accessToken: string;
  orders: Map<string, StandInOrder>;
  shipments: Shipment[];
  shippingFailures: Array<{ errcode: number; errmsg: string }>;
  tradeManaged(): boolean;
}

/** 发货信息管理 (§A7.4): a mini-program API — access_token in the query, errcode bodies, always HTTP 200. */
export function handleShipping(ctx: ShippingContext, p: string, u: URL, raw: string): Reply {
  const { appId, mchid, accessToken, orders, shipments, shippingFailures } = ctx;
  const e = (errcode: number, errmsg: string) => ({ status: 200, body: { errcode, errmsg } });
  if (u.searchParams.get('access_token') !== accessToken)
    return e(40001, 'invalid credential, access_token is invalid or not latest');
  const b = json(raw);
  if (!b) return e(47001, 'data format error');
  if (p === '/wxa/sec/order/is_trade_managed') {
    return b.appid === appId
      ? { status: 200, body: { errcode: 0, errmsg: 'ok', is_trade_managed: ctx.tradeManaged() } }
      : e(40013, 'invalid appid');
  }
  const key = b.order_key as
    { order_number_type?: unknown; mchid?: unknown; out_trade_no?: unknown; transaction_id?: unknown } | undefined;
  const list = b.shipping_list as Array<{ item_desc?: unknown }> | undefined;
  const openid = (b.payer as { openid?: unknown } | undefined)?.openid;
  if (!key || ![1, 2].includes(key.order_number_type as number)) return e(47001, 'order_key invalid');
  if (![1, 2, 3, 4].includes(b.logistics_type as number) || b.delivery_mode !== 1)
    return e(47001, 'logistics_type / delivery_mode invalid');
  if (!Array.isArray(list) || list.length === 0 || typeof list[0]?.item_desc !== 'string' || !list[0].item_desc)
    return e(47001, 'shipping_list invalid');
  if (
    typeof openid !== 'string' ||
    !openid ||
    typeof b.upload_time !== 'string' ||
    Number.isNaN(Date.parse(b.upload_time))
  )
    return e(47001, 'payer / upload_time invalid');
  const o =
    key.order_number_type === 1
      ? key.mchid === mchid
        ? orders.get(String(key.out_trade_no))
        : undefined
      : [...orders.values()].find((x) => x.transactionId === key.transaction_id);
  if (!o) return e(10060001, '支付单不存在');
  const forcedErr = shippingFailures.shift();
  if (forcedErr) return e(forcedErr.errcode, forcedErr.errmsg);
  if (o.state !== 'SUCCESS') return e(10060004, '支付单处于不可发货的状态');
  // Uploading again is a re-shipment (重新发货), allowed once per payment.
  const before = shipments.filter((s) => s.outTradeNo === o.outTradeNo).length;
  if (before >= 2) return e(10060003, '支付单已使用重新发货机会');
  shipments.push({
    outTradeNo: o.outTradeNo,
    logisticsType: b.logistics_type as number,
    itemDesc: list[0].item_desc,
    openid,
    at: Date.now(),
  });
  return e(0, 'ok');
}
