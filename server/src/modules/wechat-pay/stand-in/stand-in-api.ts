import type { KeyObject } from 'node:crypto';
import type {
  RefundStatus,
  RequestPaymentParams,
  TradeBillRow,
  WechatPayClientConfig,
  WechatTransaction,
} from '../wechat-pay.types';
import type { BuiltNotify, NotifySpoil } from './notify-lab';
import type { NotifyAttempt } from './notifier';
import type { Shipment } from './shipping-api';
import type { PaymentCodeBehaviour } from './v2-micropay';

/** What startWechatPayStandIn takes and gives back (behaviour in docs/wechat-pay.md). */
export type SerialMode = 'certificate' | 'public-key';

export interface WechatPayStandInOptions {
  mchid?: string;
  appId?: string;
  apiV3Key?: string;
  apiV2Key?: string;
  /** Which platform key signs notifies and answers; switchable later with setSerialMode. */
  serialMode?: SerialMode;
  /** Multiplies the notify retry schedule (1 = WeChat's real 15 s …; 0.001 for tests). */
  retryScale?: number;
  notifyTimeoutMs?: number;
  /** How long a USERPAYING micropay waits for the payer to confirm. */
  userPayingMs?: number;
  /** How long a refund stays PROCESSING before it succeeds. */
  refundDelayMs?: number;
  host?: string;
  port?: number;
}

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface WechatPayStandIn {
  url: string;
  mchid: string;
  appId: string;
  apiV3Key: string;
  apiV2Key: string;
  /** The merchant key pair the stand-in generated (the client signs with it; paySign verifies with its public half). */
  merchant: KeyPair & { serial: string };
  /** Platform keys: a "certificate" one with a 40-hex serial and a public-key-mode one with a PUB_KEY_ID_ id. */
  platform: { certificate: KeyPair & { serial: string }; publicKey: KeyPair & { id: string } };
  /** Serial/id → public key, both modes: what the client's config holds. */
  platformKeys: Map<string, KeyObject>;
  serialMode: SerialMode;
  setSerialMode(mode: SerialMode): void;
  /** A client config pointing at this stand-in. */
  clientConfig(overrides?: Partial<WechatPayClientConfig>): WechatPayClientConfig;
  /** The payer pays: order → SUCCESS, notify sent to the order's notify_url. Throws if it cannot be paid. */
  pay(outTradeNo: string): WechatTransaction;
  order(outTradeNo: string): WechatTransaction | null;
  /** URL of the simulated cashier page for these requestPayment parameters; `redirect` gets `?errMsg=…` back. */
  cashierUrl(params: RequestPaymentParams, redirect?: string): string;
  /** Every notify delivery attempt, in order. */
  notifyLog: NotifyAttempt[];
  /** Resolves when every notify sent so far got a 2xx or ran out of retries. */
  notifiesSettled(): Promise<void>;
  /** Reconciliation tests: add a row to the bill of `date`, leave an order/refund out, or report another amount. */
  bill: {
    addRow(date: string, row: Partial<TradeBillRow> & { outTradeNo: string; orderTotalFen: number }): void;
    drop(date: string, outTradeNoOrRefundNo: string): void;
    changeAmount(date: string, outTradeNo: string, amountFen: number): void;
  };
  /** A fresh 18-digit 付款码 that behaves as asked (any other well-formed code pays at once). */
  issuePaymentCode(behaviour?: PaymentCodeBehaviour, openid?: string): string;
  /** The next refund ends in this status instead of SUCCESS. */
  nextRefundOutcome(status: Exclude<RefundStatus, 'PROCESSING'>): void;
  /**
   * Force failures on the next API requests: 500, a hang, or an answer signed by a key the client does not know.
   * With `path` (e.g. '/wxa/sec/order/upload_shipping_info') only a request to that path takes a 500 or hang, so
   * other calls of the same sweep (order queries of unrelated orders in a shared test database) cannot use it up.
   */
  failNext(kind: 'http500' | 'timeout' | 'badSignature', times?: number, path?: string): void;
  /** 发货信息管理 (§A7.4), served here too: the access_token the stand-in accepts, and what was uploaded. */
  accessToken: string;
  shipments: Shipment[];
  setTradeManaged(managed: boolean): void;
  /** The next upload_shipping_info answers this errcode (e.g. 10060004) instead of succeeding. */
  failNextShipping(errcode: number, errmsg?: string): void;
  /** The next `times` reverses answer this err_code with recall=Y (the caller must reverse again). */
  failNextReverse(errCode?: string, times?: number): void;
  /** out_trade_no of every order reversed (撤销), once each. */
  reversals: string[];
  /**
   * R5 tests: a notify for an order's current state (resource fields overridable, e.g. { amount: { total: 1 } }),
   * genuine or spoiled one way; not sent. Deliver it (again, or as concurrent copies) with deliverNotify.
   */
  buildNotify(outTradeNo: string, opts?: { resource?: Partial<WechatTransaction>; spoil?: NotifySpoil }): BuiltNotify;
  /** POST a built notify `copies` times at once → the HTTP statuses (0 = no answer). */
  deliverNotify(url: string, notify: BuiltNotify, copies?: number): Promise<number[]>;
  calls: Record<string, number>;
  close(): Promise<void>;
}
