import { DiscrepancyKind } from '@app/shared';
import type { TradeBillRow } from '../../wechat-pay/wechat-pay.types';
import type { LocalWechatPayment, LocalWechatRefund } from '../wechat-trades';

export interface FoundDiscrepancy {
  kind: DiscrepancyKind;
  outTradeNo: string | null;
  transactionId: string | null;
  localFen: number | null;
  remoteFen: number | null;
  note: string;
}

export interface Comparison {
  remoteCount: number;
  localCount: number;
  /** Payments minus refunds, in fen: what the day moved on each side. */
  remoteTotalFen: number;
  localTotalFen: number;
  discrepancies: FoundDiscrepancy[];
}

const isRefundRow = (r: TradeBillRow) => r.tradeState === 'REFUND' || r.outRefundNo !== '';

/**
 * Compares one day's trade bill with the local WeChat payments and refunds (docs/reconciliation.md).
 * Payments match on WeChat's transaction id, else on out_trade_no; refunds on out_refund_no, else WeChat's
 * refund id. Each side is used once, so a duplicated bill line shows up as missing locally.
 */
export function compareTrades(
  rows: TradeBillRow[],
  local: { payments: LocalWechatPayment[]; refunds: LocalWechatRefund[] },
): Comparison {
  const found: FoundDiscrepancy[] = [];
  const payRows = rows.filter((r) => !isRefundRow(r));
  const refundRows = rows.filter(isRefundRow);

  const unmatchedPayments = new Set(local.payments);
  for (const row of payRows) {
    const match = [...unmatchedPayments].find(
      (p) =>
        (row.transactionId && p.transactionId === row.transactionId) ||
        (row.outTradeNo && p.outTradeNo === row.outTradeNo),
    );
    const ids = {
      outTradeNo: row.outTradeNo || match?.outTradeNo || null,
      transactionId: row.transactionId || match?.transactionId || null,
    };
    if (!match) {
      found.push({
        kind: DiscrepancyKind.MissingLocally,
        ...ids,
        localFen: null,
        remoteFen: row.orderTotalFen,
        note: '微信账单有此笔支付，本地无记录',
      });
      continue;
    }
    unmatchedPayments.delete(match);
    if (match.amountFen !== row.orderTotalFen) {
      found.push({
        kind: DiscrepancyKind.AmountDiffers,
        ...ids,
        localFen: match.amountFen,
        remoteFen: row.orderTotalFen,
        note: '支付金额不一致',
      });
    }
  }
  for (const p of unmatchedPayments) {
    found.push({
      kind: DiscrepancyKind.MissingRemotely,
      outTradeNo: p.outTradeNo,
      transactionId: p.transactionId,
      localFen: p.amountFen,
      remoteFen: null,
      note: '本地已入账的微信支付，微信账单无此笔',
    });
  }

  const unmatchedRefunds = new Set(local.refunds);
  for (const row of refundRows) {
    const match = [...unmatchedRefunds].find(
      (r) => (row.outRefundNo && r.outRefundNo === row.outRefundNo) || (row.refundId && r.wxRefundId === row.refundId),
    );
    const ids = {
      outTradeNo: row.outTradeNo || match?.outTradeNo || null,
      transactionId: row.transactionId || match?.transactionId || null,
    };
    const refundNo = row.outRefundNo || row.refundId;
    if (!match) {
      found.push({
        kind: DiscrepancyKind.MissingLocally,
        ...ids,
        localFen: null,
        remoteFen: row.refundFen,
        note: `退款 ${refundNo}：微信账单有此笔退款，本地无成功记录`,
      });
      continue;
    }
    unmatchedRefunds.delete(match);
    if (match.amountFen !== row.refundFen) {
      found.push({
        kind: DiscrepancyKind.AmountDiffers,
        ...ids,
        localFen: match.amountFen,
        remoteFen: row.refundFen,
        note: `退款 ${refundNo}：退款金额不一致`,
      });
    }
  }
  for (const r of unmatchedRefunds) {
    found.push({
      kind: DiscrepancyKind.MissingRemotely,
      outTradeNo: r.outTradeNo,
      transactionId: r.transactionId,
      localFen: r.amountFen,
      remoteFen: null,
      note: `退款 ${r.outRefundNo ?? r.wxRefundId ?? `#${r.refundId}`}：本地退款成功，微信账单无此笔`,
    });
  }

  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    remoteCount: rows.length,
    localCount: local.payments.length + local.refunds.length,
    remoteTotalFen: sum(payRows.map((r) => r.orderTotalFen)) - sum(refundRows.map((r) => r.refundFen)),
    localTotalFen: sum(local.payments.map((p) => p.amountFen)) - sum(local.refunds.map((r) => r.amountFen)),
    discrepancies: found,
  };
}
