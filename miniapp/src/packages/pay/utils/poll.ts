import type { IPayOrder } from '@app/shared';
import { getMyPayments } from '../../../services/api/payments';

/**
 * How long the result page waits for the server to learn of a payment: WeChat Pay's notify usually arrives within
 * seconds; when it does not, the server queries the order on its own schedule. ≈ 30 s, then the page offers 重新查询.
 * Mutable for tests only.
 */
export const POLL = { delaysMs: [1000, 1500, 2000, 2000, 3000, 3000, 4000, 5000, 5000, 5000] };

/**
 * H5: the stand-in's cashier comes back with `errMsg=requestPayment:fail cancel` (inside the hash route, so in the page's
 * params; older stand-ins put it in the query). A hint only: the server decides whether anything was paid.
 */
export function cancelledInCashier(errMsg: string | undefined): boolean {
  if (/requestPayment:fail/.test(errMsg ?? '')) return true;
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return false;
  return /requestPayment:fail/.test(decodeURIComponent(window.location.search));
}

/** The receipt of a paid order: the order names its payment, whose receipt is found among the resident's payments. */
export async function receiptIdOf(order: IPayOrder): Promise<number | null> {
  if (!order.paymentId) return null;
  const { items } = await getMyPayments(1, 50);
  return items.find((p) => p.id === order.paymentId)?.receiptId ?? null;
}
