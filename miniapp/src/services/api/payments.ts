import {
  PAYMENT_ROUTES,
  type ICreatePayOrderRequest,
  type IPage,
  type IPayables,
  type IPayment,
  type IPayOrder,
  type IReceipt,
} from '@app/shared';
import { api } from '../http';
import { ApiError, ClientErrorCode } from '../api-error';

/** The resident's WeChat Pay orders, payments and receipts (docs/payments.md): only the /api/payments/mine routes. */

/** Open bills and charges of one of the resident's houses, oldest first, with their balances. */
export function getMyPayables(houseId: number): Promise<IPayables> {
  return api(PAYMENT_ROUTES.myPayables, { query: { houseId } });
}

/** 8–64 of [A-Za-z0-9_-]: made once per pay tap and kept across its retries, so a retry answers the same order (R6). */
export function newPayKey(): string {
  const random = () => Math.random().toString(36).slice(2, 10);
  return `pay-${Date.now().toString(36)}-${random()}${random()}`;
}

const isTransportFailure = (error: unknown) =>
  error instanceof ApiError && (error.code === ClientErrorCode.Network || error.code === ClientErrorCode.Timeout);

/**
 * Prepay for the chosen items. A dropped connection is retried once with the same key: the server may have made the
 * order before the answer was lost, and the same key answers that order instead of making a second one.
 */
export async function createPayOrder(body: ICreatePayOrderRequest): Promise<IPayOrder> {
  try {
    return await api(PAYMENT_ROUTES.createOrder, { body });
  } catch (error) {
    if (!isTransportFailure(error)) throw error;
    return api(PAYMENT_ROUTES.createOrder, { body });
  }
}

/** The order as the server knows it: `paid` only after WeChat Pay's verified notify or an order query. */
export function getMyOrder(id: number): Promise<IPayOrder> {
  return api(PAYMENT_ROUTES.myOrder, { params: { id } });
}

export function getMyPayments(page = 1, pageSize = 20): Promise<IPage<IPayment>> {
  return api(PAYMENT_ROUTES.myPayments, { query: { page, pageSize } });
}

export function getMyReceipt(id: number): Promise<IReceipt> {
  return api(PAYMENT_ROUTES.myReceipt, { params: { id } });
}

/** Path of the receipt's PDF; utils/authorized-pdf opens it with the session's token. */
export function myReceiptPdfPath(id: number): string {
  return PAYMENT_ROUTES.myReceiptPdf.path.replace(':id', String(id));
}
