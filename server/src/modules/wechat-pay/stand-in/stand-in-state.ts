import { randomBytes } from 'node:crypto';
import type {
  RefundStatus,
  TradeBillRow,
  TradeState,
  WechatRefund,
  WechatRefundNotice,
  WechatTransaction,
} from '../wechat-pay.types';
import { rfc3339Shanghai as rfc3339 } from '../time';

/** The stand-in's in-memory books: orders, prepay ids, refunds, and the trade bill built from them. */

export interface StandInOrder {
  outTradeNo: string;
  appid: string;
  description: string;
  attach: string;
  notifyUrl: string;
  amountFen: number;
  openid: string;
  timeExpire: string;
  /** The request fields that must not change on re-entry (§A7.1 "201 商户订单号重复"). */
  fingerprint: string;
  tradeType: 'JSAPI' | 'MICROPAY';
  state: TradeState;
  transactionId: string | null;
  successAt: Date | null;
  /** micropay USERPAYING: the payer confirms at this time. */
  confirmAt: number | null;
  refundedFen: number;
}

export interface StandInRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  reason: string;
  notifyUrl: string;
  refundFen: number;
  totalFen: number;
  status: RefundStatus;
  createdAt: Date;
  successAt: Date | null;
}

let seq = 0;
export const transactionId = () =>
  `4200${Date.now().toString().slice(-10)}${String(++seq % 1e6).padStart(6, '0')}${randomBytes(3).toString('hex')}`.slice(
    0,
    28,
  );
export const refundId = () =>
  `5030${Date.now().toString().slice(-10)}${String(++seq % 1e6).padStart(6, '0')}${randomBytes(4).toString('hex')}`.slice(
    0,
    29,
  );
export const prepayId = () => `wx${Date.now().toString(36)}${randomBytes(12).toString('hex')}`.slice(0, 36);

const TRADE_STATE_DESC: Record<TradeState, string> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '未支付',
  CLOSED: '已关闭',
  REVOKED: '已撤销',
  USERPAYING: '用户支付中（需输入密码）',
  PAYERROR: '支付失败',
};

export function transactionOf(o: StandInOrder, mchid: string): WechatTransaction {
  const paid = o.successAt !== null;
  return {
    appid: o.appid,
    mchid,
    out_trade_no: o.outTradeNo,
    ...(o.transactionId ? { transaction_id: o.transactionId } : {}),
    trade_type: o.tradeType,
    trade_state: o.state,
    trade_state_desc: TRADE_STATE_DESC[o.state],
    ...(paid
      ? { bank_type: 'OTHERS', success_time: rfc3339(o.successAt!), payer: { openid: o.openid } }
      : { payer: { openid: o.openid } }),
    attach: o.attach,
    amount: paid
      ? { total: o.amountFen, payer_total: o.amountFen, currency: 'CNY', payer_currency: 'CNY' }
      : { total: o.amountFen, currency: 'CNY' },
  };
}

export function refundOf(r: StandInRefund, o: StandInOrder): WechatRefund {
  return {
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: o.transactionId ?? '',
    out_trade_no: o.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(r.successAt ? { success_time: rfc3339(r.successAt) } : {}),
    create_time: rfc3339(r.createdAt),
    status: r.status,
    amount: {
      total: r.totalFen,
      refund: r.refundFen,
      payer_total: r.totalFen,
      payer_refund: r.refundFen,
      currency: 'CNY',
    },
  };
}

export function refundNoticeOf(r: StandInRefund, o: StandInOrder, mchid: string): WechatRefundNotice {
  return {
    mchid,
    out_trade_no: o.outTradeNo,
    transaction_id: o.transactionId ?? '',
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_status: r.status,
    ...(r.successAt ? { success_time: rfc3339(r.successAt) } : {}),
    user_received_account: '支付用户零钱',
    amount: { total: r.totalFen, refund: r.refundFen, payer_total: r.totalFen, payer_refund: r.refundFen },
  };
}

/** YYYY-MM-DD of a moment in Beijing time: the bill date it falls on. */
export const beijingDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const beijingTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
/** 0.6% fee, rounded to the fen (the usual rate for 物业 merchants). */
const fee = (fen: number) => Math.round(fen * 0.006);

export interface BillOverrides {
  extra: TradeBillRow[];
  drop: Set<string>;
  amount: Map<string, number>;
}

/** Payment lines for orders paid that day and refund lines for refunds that succeeded that day, then overrides. */
export function billRows(
  date: string,
  orders: Iterable<StandInOrder>,
  refunds: Iterable<StandInRefund>,
  byNo: Map<string, StandInOrder>,
  mchid: string,
  ov: BillOverrides | undefined,
): TradeBillRow[] {
  const base = (
    o: StandInOrder,
  ): Omit<
    TradeBillRow,
    | 'tradeTime'
    | 'tradeState'
    | 'settlementTotalFen'
    | 'refundId'
    | 'outRefundNo'
    | 'refundFen'
    | 'refundType'
    | 'refundStatus'
    | 'feeFen'
    | 'requestedRefundFen'
  > => ({
    appId: o.appid,
    mchId: mchid,
    transactionId: o.transactionId ?? '',
    outTradeNo: o.outTradeNo,
    openid: o.openid,
    tradeType: o.tradeType,
    bankType: 'OTHERS',
    currency: 'CNY',
    couponFen: 0,
    description: o.description.replace(/,/g, '，'),
    attach: o.attach.replace(/,/g, '，'),
    rate: '0.60%',
    orderTotalFen: o.amountFen,
  });
  const rows: TradeBillRow[] = [];
  for (const o of orders) {
    if (!o.successAt || beijingDate(o.successAt) !== date || ov?.drop.has(o.outTradeNo)) continue;
    const amount = ov?.amount.get(o.outTradeNo) ?? o.amountFen;
    rows.push({
      ...base(o),
      orderTotalFen: amount,
      tradeTime: beijingTime(o.successAt),
      tradeState: 'SUCCESS',
      settlementTotalFen: amount,
      refundId: '',
      outRefundNo: '',
      refundFen: 0,
      refundType: '',
      refundStatus: '',
      feeFen: fee(amount),
      requestedRefundFen: 0,
    });
  }
  for (const r of refunds) {
    const o = byNo.get(r.outTradeNo);
    if (
      !o ||
      r.status !== 'SUCCESS' ||
      !r.successAt ||
      beijingDate(r.successAt) !== date ||
      ov?.drop.has(r.outRefundNo)
    )
      continue;
    rows.push({
      ...base(o),
      tradeTime: beijingTime(r.successAt),
      tradeState: 'REFUND',
      settlementTotalFen: 0,
      refundId: r.refundId,
      outRefundNo: r.outRefundNo,
      refundFen: r.refundFen,
      refundType: 'ORIGINAL',
      refundStatus: 'SUCCESS',
      feeFen: -fee(r.refundFen),
      requestedRefundFen: r.refundFen,
    });
  }
  return [...rows, ...(ov?.extra ?? [])];
}
