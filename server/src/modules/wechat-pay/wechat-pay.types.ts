import type { KeyObject } from 'node:crypto';

/** What the client needs; built from the validated config (or by the stand-in for the embedded demo). */
export interface WechatPayClientConfig {
  mchid: string;
  appId: string;
  /** Merchant API private key (apiclient_key.pem). */
  privateKey: KeyObject;
  /** Serial number of the merchant API certificate (goes into serial_no). */
  certSerial: string;
  /** 32-byte APIv3 key: AES-256-GCM key of notifies. */
  apiV3Key: string;
  /** Platform-certificate serials AND `PUB_KEY_ID_…` ids → public key; both at once for switch-overs. */
  platformKeys: ReadonlyMap<string, KeyObject>;
  /** APIv2 key, only for 付款码 micropay; null → micropay refused. */
  apiV2Key: string | null;
  /** Merchant API certificate PEM (apiclient_cert.pem): mutual TLS of APIv2 /secapi/ calls (撤销). */
  clientCertPem?: string | null;
  /** https://api.mch.weixin.qq.com, or the stand-in. */
  apiBase: string;
  /** Default notify_url of prepay (HTTPS, no query string, in production). */
  notifyUrl: string;
  /** Default notify_url of refunds. */
  refundNotifyUrl: string;
  timeoutMs?: number;
  /** 发货信息管理 calls; null/absent → uploadShipping answers misconfigured. */
  shipping?: ShippingChannel | null;
}

export interface WechatPayLogger {
  warn(obj: object, msg: string): void;
}

export interface PrepayJsapiInput {
  /** ≤127 chars, shown to the payer. */
  description: string;
  /** 6–32 chars of [0-9A-Za-z_-|*], unique per mchid. */
  outTradeNo: string;
  /** Integer fen. */
  amountFen: number;
  payerOpenid: string;
  /** After this the order cannot be paid; cannot be changed for an existing out_trade_no. */
  timeExpire: Date;
  /** ≤128 chars, echoed back in query and notify. */
  attach?: string;
  /** Overrides the configured notify URL. */
  notifyUrl?: string;
}

/** The object Taro.requestPayment / wx.requestPayment takes (§A7.2). */
export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

/** A transaction as query and TRANSACTION.SUCCESS notifies describe it (§A7.3). */
export interface WechatTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: TradeState;
  trade_state_desc: string;
  bank_type?: string;
  attach?: string;
  success_time?: string;
  payer?: { openid: string };
  amount: { total: number; payer_total?: number; currency: string; payer_currency?: string };
}

export type RefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

/** Answer of the refund and refund-query calls. */
export interface WechatRefund {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  channel: string;
  user_received_account: string;
  success_time?: string;
  create_time: string;
  status: RefundStatus;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number; currency: string };
}

/** The decrypted resource of REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED notifies (a different shape). */
export interface WechatRefundNotice {
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  out_refund_no: string;
  refund_id: string;
  refund_status: RefundStatus;
  success_time?: string;
  user_received_account: string;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number };
}

export interface NotifyEnvelope {
  id: string;
  create_time: string;
  event_type: string;
  resource_type: string;
  summary: string;
}

export type NotifyRejection =
  'missing-headers' | 'stale-timestamp' | 'unknown-serial' | 'bad-signature' | 'malformed-body' | 'decrypt-failed';

/** verifyNotify's answer: a verified, decrypted event, or why it was refused (answer 4xx, write nothing). */
export type NotifyVerification =
  | { ok: true; kind: 'transaction'; event: NotifyEnvelope; resource: WechatTransaction }
  | { ok: true; kind: 'refund'; event: NotifyEnvelope; resource: WechatRefundNotice }
  | { ok: false; reason: NotifyRejection };

export interface RefundInput {
  outTradeNo: string;
  outRefundNo: string;
  /** Shown to the payer; ≤80 chars. */
  reason?: string;
  refundFen: number;
  /** The original order's amount. */
  totalFen: number;
  notifyUrl?: string;
}

/** One line of the trade bill (金额 converted from yuan to integer fen). */
export interface TradeBillRow {
  tradeTime: string;
  appId: string;
  mchId: string;
  transactionId: string;
  outTradeNo: string;
  openid: string;
  tradeType: string;
  /** SUCCESS for a payment line, REFUND for a refund line (ALL bills hold both). */
  tradeState: string;
  bankType: string;
  currency: string;
  /** 应结订单金额 */
  settlementTotalFen: number;
  couponFen: number;
  refundId: string;
  outRefundNo: string;
  refundFen: number;
  refundType: string;
  refundStatus: string;
  description: string;
  attach: string;
  feeFen: number;
  rate: string;
  /** 订单金额 */
  orderTotalFen: number;
  requestedRefundFen: number;
}

export interface TradeBill {
  date: string;
  rows: TradeBillRow[];
  summary: {
    count: number;
    settlementTotalFen: number;
    refundTotalFen: number;
    feeTotalFen: number;
    orderTotalFen: number;
  };
}

export interface MicropayInput {
  outTradeNo: string;
  description: string;
  amountFen: number;
  /** The 18-digit 付款码 scanned from the payer's phone. */
  authCode: string;
  /** The cashier terminal's IP (spbill_create_ip). */
  clientIp: string;
  attach?: string;
}

/**
 * SUCCESS: paid. USERPAYING: the payer must confirm on the phone — poll queryMicropay. FAILED: definite
 * failure (code is WeChat's err_code, e.g. AUTHCODEEXPIRE, NOTENOUGH); UNKNOWN: system error, query before retrying.
 */
export type MicropayResult =
  | { state: 'SUCCESS'; transactionId: string; openid: string; amountFen: number; successTime: string }
  | { state: 'USERPAYING' }
  | { state: 'FAILED'; code: string; message: string }
  | { state: 'UNKNOWN'; code: string; message: string };

/**
 * 撤销 result. REVERSED: WeChat closed the order (or refunded it if it had been paid). RETRY: recall=Y / system
 * error — reverse again. ABSENT: WeChat has no such order. FAILED: refused for good (e.g. REVERSE_EXPIRE).
 */
export type ReverseResult =
  { state: 'REVERSED' } | { state: 'RETRY' | 'ABSENT' | 'FAILED'; code: string; message: string };

/**
 * Mini-program API access for 发货信息管理 (§A7.4): api.weixin.qq.com with an access_token. `withAccessToken`
 * is WechatAuthClient.callWithAccessToken in live mode (refreshes a stale token once), the stand-in's token otherwise.
 */
export interface ShippingChannel {
  apiBase: string;
  withAccessToken<T>(fn: (token: string) => Promise<T & { errcode?: number }>): Promise<T>;
}

export interface UploadShippingInput {
  outTradeNo: string;
  /** WeChat Pay's transaction_id; when given the order is named by it (order_number_type 2). */
  transactionId?: string;
  payerOpenid: string;
  /** What was "shipped", e.g. 物业费-3栋1201-2026年11月 (≤120 chars). */
  itemDesc: string;
  /** 3 = virtual goods (fees, services: the default), 4 = self pickup. */
  logisticsType?: 3 | 4;
  uploadTime?: Date;
}

/** errcode 10060004 (支付单处于不可发货的状态) is the community-reported case for some virtual orders: keep it visible. */
export type ShippingResult = { ok: true } | { ok: false; errcode: number; errmsg: string };
