/**
 * 发货信息管理 (WeChat mini-program order shipping, docs/payments.md "Shipping info"): the upload state of a resident's
 * WeChat (JSAPI) payment. Offline and 付款码 payments have none.
 */
export const ShippingStatus = {
  /** Waiting for the payment sweep (first try, or a retry after a failure). */
  Pending: 'pending',
  Uploaded: 'uploaded',
  /** Gave up: WeChat refused it (errcode kept) or the retries ran out. */
  Failed: 'failed',
  /** Upload off, or the mini-program is not trade-managed. */
  NotRequired: 'not_required',
} as const;
export type ShippingStatus = (typeof ShippingStatus)[keyof typeof ShippingStatus];

export const SHIPPING_STATUS_LABELS: Record<ShippingStatus, string> = {
  pending: '待上传',
  uploaded: '已上传',
  failed: '失败',
  not_required: '无需',
};

export interface IPaymentShipping {
  status: ShippingStatus;
  attempts: number;
  /** WeChat's errcode of the last failed try (e.g. 10060004 支付单处于不可发货的状态). */
  errcode: number | null;
  errmsg: string | null;
  uploadedAt: string | null;
}
