import type { IPaymentShipping } from './payment-shipping';
/**
 * Payments (docs/payments.md; docs/domain.md §4): WeChat Pay for bills and charges, the cashier desk with
 * numbered receipts, prepayment accounts, refunds, invoice requests and daily reconciliation.
 * Money is integer fen everywhere. A payment is one tender (one method, one amount); a cashier's split
 * payment is several payments under one receipt.
 */

/** How money was tendered (not the charge-level PaymentMethod choice of charges.ts). */
export const TenderMethod = {
  /** WeChat Pay in the mini-program (JSAPI). */
  WechatJsapi: 'wechat_jsapi',
  /** 付款码: the cashier scans the resident's WeChat payment code. */
  WechatMicropay: 'wechat_micropay',
  Cash: 'cash',
  Transfer: 'transfer',
  Pos: 'pos',
  /** Settled from the house's prepayment account (预存抵扣). */
  Prepaid: 'prepaid',
} as const;
export type TenderMethod = (typeof TenderMethod)[keyof typeof TenderMethod];

export const TENDER_METHOD_LABELS: Record<TenderMethod, string> = {
  wechat_jsapi: '微信支付',
  wechat_micropay: '微信付款码',
  cash: '现金',
  transfer: '银行转账',
  pos: 'POS刷卡',
  prepaid: '预存抵扣',
};

/** Methods a second person must approve before the payment counts (cash, transfer, POS at the desk). */
export const OFFLINE_TENDER_METHODS: readonly TenderMethod[] = ['cash', 'transfer', 'pos'];

export const PaymentStatus = {
  /** Offline payment recorded by the cashier, waiting for a second person; it does not count yet. */
  PendingApproval: 'pending_approval',
  Confirmed: 'confirmed',
  /** The second person refused it (with a reason); nothing was applied. */
  Rejected: 'rejected',
} as const;
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  pending_approval: '待复核',
  confirmed: '已入账',
  rejected: '已驳回',
};

/** What money is applied to. */
export const PayTargetKind = {
  /** A published bill (its own total; arrears are earlier bills, paid as their own targets). */
  Bill: 'bill',
  /** A single paid-service charge the resident chose to pay now (open, confirmed, not on a live bill). */
  Charge: 'charge',
  /** Money put into the house's prepayment account. */
  PrepayTopup: 'prepay_topup',
} as const;
export type PayTargetKind = (typeof PayTargetKind)[keyof typeof PayTargetKind];

/** A bill or charge chosen to pay. `lineIds` (bills only): pay just these unpaid lines' amount. */
export interface IPayTarget {
  kind: 'bill' | 'charge';
  id: number;
  lineIds?: number[];
}

/** One open item of a house, as the resident and the cashier see it; lists are oldest first. */
export interface IPayableItem {
  kind: 'bill' | 'charge';
  id: number;
  projectId: number;
  houseId: number;
  /** e.g. "2026-11 物业账单" or "特约服务 BX20261101-0003". */
  title: string;
  period: string | null;
  ticketSerial: string | null;
  totalFen: number;
  paidFen: number;
  /** totalFen − paidFen − pending offline payments; what can still be paid. */
  balanceFen: number;
  /** Bill published / charge posted; the allocation order (oldest first, then id). */
  dueSince: string;
}

export interface IPayables {
  houseId: number;
  houseLabel: string;
  items: IPayableItem[];
  totalBalanceFen: number;
  prepayBalanceFen: number;
}

/** One slice of a payment applied to a bill, a charge or a prepayment top-up. */
export interface IPaymentAllocation {
  kind: PayTargetKind;
  /** Bill id, charge id, or the house id for a top-up. */
  targetId: number;
  title: string;
  amountFen: number;
}

export interface IPayment {
  id: number;
  projectId: number;
  houseId: number;
  houseLabel: string;
  method: TenderMethod;
  status: PaymentStatus;
  amountFen: number;
  /** Σ succeeded refunds. */
  refundedFen: number;
  /** Transfer reference, POS voucher, WeChat transaction id … (never a card number). */
  reference: string | null;
  receiptId: number | null;
  receiptNo: string | null;
  /** The cashier who took it; null for the resident's own WeChat payments. */
  collectedBy: number | null;
  collectedByName: string | null;
  approvedBy: number | null;
  approvedByName: string | null;
  rejectReason: string | null;
  paidAt: string;
  allocations: IPaymentAllocation[];
  /** 发货信息 of a resident's WeChat payment; null for the desk's payments. */
  shipping?: IPaymentShipping | null;
}

export interface IPaymentListQuery {
  projectId?: number;
  houseId?: number;
  method?: TenderMethod;
  status?: PaymentStatus;
  /** YYYY-MM-DD (Asia/Shanghai), inclusive. */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

// ── WeChat Pay (resident) ─────────────────────────────────────────────────────────────────────────────

export const PayOrderStatus = {
  /** Prepay made; waiting for the resident to pay (until `expiresAt`). */
  Created: 'created',
  /** Paid: confirmed by a verified notify or an order query, never by the client callback. */
  Paid: 'paid',
  /** Closed at WeChat Pay (expired, or replaced); nothing was paid. */
  Closed: 'closed',
} as const;
export type PayOrderStatus = (typeof PayOrderStatus)[keyof typeof PayOrderStatus];

export const PAY_ORDER_STATUS_LABELS: Record<PayOrderStatus, string> = {
  created: '待支付',
  paid: '已支付',
  closed: '已关闭',
};

export interface ICreatePayOrderRequest {
  /** Client-made (8–64 chars [A-Za-z0-9_-]); the same key always answers the same order (R6). */
  idempotencyKey: string;
  houseId: number;
  /** Bills/charges to pay. Exactly one of `targets` / `topupFen`. */
  targets?: IPayTarget[];
  /** Prepayment top-up amount. */
  topupFen?: number;
  /** Prepayment top-up taking a configured offer (e.g. 12 months get 1 free). */
  prepayOfferId?: number;
}

/** What the mini-program passes to `Taro.requestPayment` (wechat.md §A7.2). */
export interface IWechatPayParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface IPayOrder {
  id: number;
  outTradeNo: string;
  houseId: number;
  status: PayOrderStatus;
  amountFen: number;
  /** "2026-11 物业账单 等2项" — what the resident sees on the WeChat cashier. */
  description: string;
  expiresAt: string;
  paidAt: string | null;
  paymentId: number | null;
  receiptNo: string | null;
  payParams: IWechatPayParams | null;
  /** Embedded demo only (WeChat Pay stand-in): a page that plays the WeChat cashier for the H5 build. */
  standInPayUrl: string | null;
}

// ── Receipts ─────────────────────────────────────────────────────────────────────────────────────────

export interface IReceipt {
  id: number;
  /** Per project and year, gap-free: e.g. "SJ-2026-000123". */
  number: string;
  projectId: number;
  houseId: number;
  houseLabel: string;
  totalFen: number;
  payments: { id: number; method: TenderMethod; amountFen: number; status: PaymentStatus }[];
  allocations: IPaymentAllocation[];
  issuedAt: string;
  issuedByName: string | null;
  /** Times printed; every print after the first is marked 补打. */
  printCount: number;
}

// ── Cashier desk ─────────────────────────────────────────────────────────────────────────────────────

export interface ICashierTender {
  method: 'cash' | 'transfer' | 'pos' | 'wechat_micropay' | 'prepaid';
  amountFen: number;
  reference?: string;
  /** 付款码 scanned from the resident's WeChat (18 digits starting 10–15). */
  authCode?: string;
}

export interface ICashierPaymentRequest {
  idempotencyKey: string;
  houseId: number;
  /** What to pay; omitted → the house's open items, oldest first. */
  targets?: IPayTarget[];
  tenders: ICashierTender[];
  /** Part of the tendered amount to put into the prepayment account instead of onto items. */
  topupFen?: number;
}

export interface ICashierPaymentResult {
  receipt: IReceipt;
  payments: IPayment[];
  /** True when some tenders wait for a second person's approval before they count. */
  pendingApproval: boolean;
}

export interface IDecidePaymentRequest {
  approve: boolean;
  reason?: string;
}

export interface IHandoverSummary {
  projectId: number;
  /** YYYY-MM-DD, Asia/Shanghai. */
  date: string;
  cashiers: {
    cashierId: number;
    cashierName: string;
    byMethod: { method: TenderMethod; count: number; amountFen: number }[];
    totalFen: number;
    pendingApprovalFen: number;
    refundsFen: number;
    receiptCount: number;
  }[];
}

// ── Refunds ──────────────────────────────────────────────────────────────────────────────────────────

export const RefundStatus = {
  Requested: 'requested',
  Rejected: 'rejected',
  /** Approved; WeChat refunds are in flight, cash/transfer wait for the cashier to record the hand-back. */
  Approved: 'approved',
  Succeeded: 'succeeded',
  Failed: 'failed',
} as const;
export type RefundStatus = (typeof RefundStatus)[keyof typeof RefundStatus];

export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = {
  requested: '待审批',
  rejected: '已驳回',
  approved: '退款中',
  succeeded: '已退款',
  failed: '退款失败',
};

export interface IRequestRefundRequest {
  paymentId: number;
  amountFen: number;
  reason: string;
}

export interface IDecideRefundRequest {
  approve: boolean;
  reason?: string;
}

export interface IRefund {
  id: number;
  paymentId: number;
  projectId: number;
  houseLabel: string;
  method: TenderMethod;
  amountFen: number;
  reason: string;
  status: RefundStatus;
  requestedByName: string;
  decidedByName: string | null;
  decisionReason: string | null;
  outRefundNo: string | null;
  createdAt: string;
  finishedAt: string | null;
}
