import { randomBytes } from 'node:crypto';
import type { AllocationInput } from '../payments.service';

/** How long a WeChat order can be paid (prepay_id lives 2 h; wechat.md §A7.1). */
export const ORDER_TTL_MINUTES = 120;
/** An order this close to expiry is not handed out again: the resident could not finish paying it. */
export const REUSE_MARGIN_MS = 5 * 60_000;
/** myOrder asks WeChat itself when an order is still unpaid this long after it was made. */
export const QUERY_ON_READ_AFTER_MS = 5_000;

/** 1, 5 and 30 minutes after prepay, then hourly; never past expiry (the last query closes it). */
export function nextQueryAt(createdAt: Date, expiresAt: Date, queryCount: number): Date {
  const minutes = [1, 5, 30];
  const offset = queryCount < minutes.length ? minutes[queryCount] : 30 + 60 * (queryCount - minutes.length + 1);
  const at = new Date(createdAt.getTime() + offset * 60_000);
  return at < expiresAt ? at : expiresAt;
}

/** 6–32 chars of [0-9A-Za-z_-|*], unique per merchant: "P" + time + random. */
export const newOutTradeNo = (): string => `P${Date.now().toString(36)}${randomBytes(8).toString('hex')}`.slice(0, 32);
export const newOutRefundNo = (refundId: number): string => `R${refundId}x${randomBytes(6).toString('hex')}`;

/** What the resident sees on the WeChat cashier (≤127 chars). */
export function orderDescription(houseLabel: string, allocations: readonly AllocationInput[]): string {
  const first = allocations[0]?.title ?? '物业缴费';
  const more = allocations.length > 1 ? ` 等${allocations.length}项` : '';
  return `${houseLabel} ${first}${more}`.trim().slice(0, 127);
}
