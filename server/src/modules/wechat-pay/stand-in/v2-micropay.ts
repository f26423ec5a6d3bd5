import { randomBytes } from 'node:crypto';
import { parseXml, toXml, v2Sign } from '../wechat-pay.crypto';
import { OUT_NO, type Reply } from './http';
import type { StandInOrder } from './stand-in-state';

export type PaymentCodeBehaviour = 'success' | 'userpaying' | 'insufficient' | 'expired';

export interface V2Context {
  appId: string;
  mchid: string;
  apiV2Key: string;
  orders: Map<string, StandInOrder>;
  /** Codes issued by issuePaymentCode; any other well-formed code pays at once. */
  codes: Map<string, { behaviour: PaymentCodeBehaviour; openid: string }>;
  userPayingMs: number;
  markPaid(o: StandInOrder): void;
  settleUserPaying(o: StandInOrder | undefined): void;
  /** Forced answers of the next reverses: an err_code answered with recall=Y (e.g. SYSTEMERROR). */
  reverseFailures: string[];
  /** Orders reversed (撤销), in order. */
  reversals: string[];
}

/**
 * APIv2 `POST /pay/micropay`, `POST /pay/orderquery` and `POST /secapi/pay/reverse` (XML + HMAC-SHA256), as
 * docs/wechat-pay.md describes. The real reverse also needs the merchant certificate (mutual TLS); this plain-HTTP
 * stand-in cannot check that.
 */
export function handleV2(ctx: V2Context, path: string, raw: string): Reply {
  const { appId, mchid, apiV2Key, orders, codes, markPaid, settleUserPaying } = ctx;
  const f = parseXml(raw);
  const reply = (fields: Record<string, string | undefined>) => {
    const out: Record<string, string | undefined> = {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: appId,
      mch_id: mchid,
      nonce_str: randomBytes(8).toString('hex'),
      ...fields,
    };
    out.sign = v2Sign(out, apiV2Key);
    return { status: 200, raw: Buffer.from(toXml(out), 'utf8'), contentType: 'text/xml; charset=utf-8' };
  };
  const fail = (msg: string) => ({
    status: 200,
    raw: Buffer.from(toXml({ return_code: 'FAIL', return_msg: msg }), 'utf8'),
    contentType: 'text/xml',
  });
  if (!f) return fail('XML格式错误');
  if (f.sign_type !== 'HMAC-SHA256' || f.sign !== v2Sign(f, apiV2Key)) return fail('签名错误');
  if (f.appid !== appId || f.mch_id !== mchid) return fail('appid和mch_id不匹配');
  const bizErr = (code: string, des: string) => reply({ result_code: 'FAIL', err_code: code, err_code_des: des });
  const success = (o: StandInOrder) =>
    reply({
      result_code: 'SUCCESS',
      openid: o.openid,
      trade_type: 'MICROPAY',
      trade_state: o.state,
      bank_type: 'OTHERS',
      total_fee: String(o.amountFen),
      fee_type: 'CNY',
      transaction_id: o.transactionId ?? undefined,
      out_trade_no: o.outTradeNo,
      attach: o.attach || undefined,
      time_end: o.successAt
        ? new Date(o.successAt.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14)
        : undefined,
    });
  if (path === '/pay/orderquery') {
    const o = orders.get(f.out_trade_no ?? '');
    if (!o) return bizErr('ORDERNOTEXIST', '此交易订单号不存在');
    settleUserPaying(o);
    return success(o);
  }
  if (path === '/secapi/pay/reverse') return reverse(ctx, f, reply);
  const total = Number(f.total_fee);
  if (
    !f.out_trade_no ||
    !OUT_NO.test(f.out_trade_no) ||
    !f.body ||
    !Number.isInteger(total) ||
    total <= 0 ||
    !f.spbill_create_ip
  ) {
    return bizErr('PARAM_ERROR', '参数错误');
  }
  if (!/^1[0-5]\d{16}$/.test(f.auth_code ?? '')) return bizErr('AUTH_CODE_INVALID', '付款码无效，请重新扫码');
  const existing = orders.get(f.out_trade_no);
  if (existing)
    return existing.state === 'SUCCESS'
      ? bizErr('ORDERPAID', '订单已支付')
      : bizErr('OUT_TRADE_NO_USED', '商户订单号重复');
  const code = codes.get(f.auth_code!) ?? { behaviour: 'success' as const, openid: 'o-standin-payer' };
  codes.delete(f.auth_code!);
  if (code.behaviour === 'expired') return bizErr('AUTHCODEEXPIRE', '二维码已过期，请用户在微信上刷新后再试');
  if (code.behaviour === 'insufficient') return bizErr('NOTENOUGH', '余额不足');
  const o: StandInOrder = {
    outTradeNo: f.out_trade_no,
    appid: appId,
    description: f.body,
    attach: f.attach ?? '',
    notifyUrl: '',
    amountFen: total,
    openid: code.openid,
    timeExpire: new Date(Date.now() + 600_000).toISOString(),
    fingerprint: '',
    tradeType: 'MICROPAY',
    state: 'USERPAYING',
    transactionId: null,
    successAt: null,
    confirmAt: null,
    refundedFen: 0,
  };
  orders.set(o.outTradeNo, o);
  if (code.behaviour === 'userpaying') {
    o.confirmAt = Date.now() + ctx.userPayingMs;
    return bizErr('USERPAYING', '需要用户输入支付密码');
  }
  markPaid(o);
  return success(o);
}

/**
 * 撤销: an unpaid order is closed (REVOKED); a paid one is REVOKED too and its money goes back to the payer (that is
 * what WeChat does, so callers must never reverse a payment they recorded). `recall=Y` asks the caller to try again.
 */
function reverse(
  ctx: V2Context,
  f: Record<string, string>,
  reply: (fields: Record<string, string | undefined>) => Reply,
): Reply {
  const forced = ctx.reverseFailures.shift();
  if (forced) return reply({ result_code: 'FAIL', err_code: forced, err_code_des: '系统超时', recall: 'Y' });
  const o = f.out_trade_no
    ? ctx.orders.get(f.out_trade_no)
    : [...ctx.orders.values()].find((x) => x.transactionId === f.transaction_id);
  if (!o) return reply({ result_code: 'FAIL', err_code: 'ORDERNOTEXIST', err_code_des: '订单不存在', recall: 'N' });
  if (o.tradeType !== 'MICROPAY')
    return reply({ result_code: 'FAIL', err_code: 'TRADE_ERROR', err_code_des: '订单类型不支持撤销', recall: 'N' });
  ctx.settleUserPaying(o);
  if (o.state === 'SUCCESS') o.refundedFen = o.amountFen;
  if (o.state !== 'REVOKED') ctx.reversals.push(o.outTradeNo);
  o.state = 'REVOKED';
  o.confirmAt = null;
  return reply({ result_code: 'SUCCESS', recall: 'N', out_trade_no: o.outTradeNo });
}
