import { ERR, json, OUT_NO, type Reply } from './http';
import type { Notifier } from './notifier';
import { refundId, refundNoticeOf, refundOf, type StandInOrder, type StandInRefund } from './stand-in-state';
import type { RefundStatus } from '../wechat-pay.types';

export interface RefundsContext {
  mchid: string;
  orders: Map<string, StandInOrder>;
  refunds: Map<string, StandInRefund>;
  /** Forced outcomes of the next refunds (nextRefundOutcome); SUCCESS when empty. */
  refundOutcomes: Array<Exclude<RefundStatus, 'PROCESSING'>>;
  /** How long a refund stays PROCESSING. */
  refundDelayMs: number;
  later(ms: number, fn: () => void): void;
  notifier: Notifier;
}

/** Domestic refund (§A7.4): PROCESSING, then its outcome and a refund notify after refundDelayMs. */
export function refund(ctx: RefundsContext, raw: string): Reply {
  const { mchid, orders, refunds, refundOutcomes, refundDelayMs, later, notifier } = ctx;
  const b = json(raw);
  const amount = b?.amount as { refund?: unknown; total?: unknown } | undefined;
  if (!b || typeof b.out_refund_no !== 'string' || !OUT_NO.test(b.out_refund_no))
    return ERR(400, 'PARAM_ERROR', 'out_refund_no 格式错误');
  const o = typeof b.out_trade_no === 'string' ? orders.get(b.out_trade_no) : undefined;
  if (!o) return ERR(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
  const existing = refunds.get(b.out_refund_no);
  if (existing) return { status: 200, body: refundOf(existing, o) };
  if (!amount || !Number.isInteger(amount.refund) || (amount.refund as number) <= 0)
    return ERR(400, 'PARAM_ERROR', 'amount.refund 必须为正整数（分）');
  if (amount.total !== o.amountFen) return ERR(400, 'PARAM_ERROR', '订单金额与原订单不一致');
  if (o.state !== 'SUCCESS' && o.state !== 'REFUND') return ERR(400, 'INVALID_REQUEST', '订单未支付，不能退款');
  if (o.refundedFen + (amount.refund as number) > o.amountFen)
    return ERR(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
  const r: StandInRefund = {
    refundId: refundId(),
    outRefundNo: b.out_refund_no,
    outTradeNo: o.outTradeNo,
    reason: String(b.reason ?? ''),
    notifyUrl: typeof b.notify_url === 'string' ? b.notify_url : o.notifyUrl,
    refundFen: amount.refund as number,
    totalFen: o.amountFen,
    status: 'PROCESSING',
    createdAt: new Date(),
    successAt: null,
  };
  refunds.set(r.outRefundNo, r);
  o.refundedFen += r.refundFen;
  const outcome = refundOutcomes.shift() ?? 'SUCCESS';
  later(refundDelayMs, () => {
    r.status = outcome;
    if (outcome === 'SUCCESS') {
      r.successAt = new Date();
      o.state = 'REFUND';
    } else {
      o.refundedFen -= r.refundFen;
    }
    notifier.send(
      r.notifyUrl,
      `REFUND.${outcome}`,
      outcome === 'SUCCESS' ? '退款成功' : '退款异常',
      'refund',
      r.outRefundNo,
      refundNoticeOf(r, o, mchid),
    );
  });
  return { status: 200, body: refundOf(r, o) };
}

/** Refund query by out_refund_no. */
export function queryRefund(ctx: RefundsContext, outRefundNo: string): Reply {
  const found = ctx.refunds.get(outRefundNo);
  return found
    ? { status: 200, body: refundOf(found, ctx.orders.get(found.outTradeNo)!) }
    : ERR(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
}
