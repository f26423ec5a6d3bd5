import { rfc3339Shanghai } from './time';
import type { ShippingChannel, ShippingResult, UploadShippingInput } from './wechat-pay.types';

/**
 * 小程序发货信息管理 (wechat.md §A7.4): for trade-managed mini-programs the funds stay frozen until shipping info is
 * uploaded. Fees and services are virtual goods (logistics_type 3). These are mini-program APIs on
 * api.weixin.qq.com (access_token), not Pay APIs; they sit here because only payments call them.
 */
export const PATH_UPLOAD_SHIPPING = '/wxa/sec/order/upload_shipping_info';
export const PATH_IS_TRADE_MANAGED = '/wxa/sec/order/is_trade_managed';

export interface ShippingReply {
  errcode?: number;
  errmsg?: string;
  is_trade_managed?: boolean;
}

type Post = (channel: ShippingChannel, path: string, body: object) => Promise<ShippingReply>;

export function uploadShippingBody(mchid: string, input: UploadShippingInput): object {
  return {
    // The WeChat Pay transaction id (type 2) when known: community reports 10060001 for type 1 on some merchants.
    order_key: input.transactionId
      ? { order_number_type: 2, transaction_id: input.transactionId }
      : { order_number_type: 1, mchid, out_trade_no: input.outTradeNo },
    logistics_type: input.logisticsType ?? 3,
    delivery_mode: 1,
    shipping_list: [{ item_desc: [...input.itemDesc].slice(0, 120).join('') }],
    upload_time: rfc3339Shanghai(input.uploadTime ?? new Date()),
    payer: { openid: input.payerOpenid },
  };
}

export async function uploadShipping(
  post: Post,
  channel: ShippingChannel,
  mchid: string,
  input: UploadShippingInput,
): Promise<ShippingResult> {
  const reply = await post(channel, PATH_UPLOAD_SHIPPING, uploadShippingBody(mchid, input));
  if (!reply.errcode) return { ok: true };
  return { ok: false, errcode: reply.errcode, errmsg: reply.errmsg ?? '' };
}

export async function isTradeManaged(post: Post, channel: ShippingChannel, appId: string): Promise<boolean> {
  const reply = await post(channel, PATH_IS_TRADE_MANAGED, { appid: appId });
  if (reply.errcode)
    throw Object.assign(new Error(reply.errmsg ?? 'is_trade_managed failed'), { errcode: reply.errcode });
  return reply.is_trade_managed === true;
}
