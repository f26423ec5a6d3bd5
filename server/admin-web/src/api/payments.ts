import {
  CASHIER_ROUTES,
  PAYMENT_ROUTES,
  buildPath,
  type IBinding,
  type ICashierPaymentRequest,
  type ICashierPaymentResult,
  type IHandoverSummary,
  type IPage,
  type IPayables,
  type IPayment,
  type IPaymentListQuery,
  type IReceipt,
  type IRefund,
  type IRequestRefundRequest,
  type RefundStatus,
} from '@app/shared';
import { api, http } from './client';

/** The cashier desk and the staff side of payments (issue 10): every call goes through the shared route table. */
const C = CASHIER_ROUTES;
const P = PAYMENT_ROUTES;

export const getPayables = (houseId: number): Promise<IPayables> => api(C.payables, { query: { houseId } });
export const lookupHousesByPhone = (projectId: number, phone: string): Promise<IBinding[]> =>
  api(C.lookupHouses, { body: { projectId, phone } });
export const collectPayment = (body: ICashierPaymentRequest): Promise<ICashierPaymentResult> =>
  api(C.collect, { body });
export const listPendingApprovals = (projectId: number): Promise<IPayment[]> =>
  api(C.pendingApprovals, { query: { projectId } });
export const decidePayment = (id: number, approve: boolean, reason?: string): Promise<IPayment> =>
  api(C.decide, { params: { id }, body: { approve, reason } });
export const getHandover = (projectId: number, date: string): Promise<IHandoverSummary> =>
  api(C.handover, { query: { projectId, date } });

export const listPayments = (query: IPaymentListQuery): Promise<IPage<IPayment>> => api(P.list, { query });
export const getReceipt = (id: number): Promise<IReceipt> => api(P.receipt, { params: { id } });
/** The printable receipt; the server counts the print, so a second fetch comes back marked 补打. */
export const downloadReceiptPdf = (id: number): Promise<Blob> => http.getBlob(buildPath(P.receiptPdf.path, { id }));

export const listRefunds = (query: {
  projectId: number;
  status?: RefundStatus;
  page?: number;
  pageSize?: number;
}): Promise<IPage<IRefund>> => api(P.refunds, { query });
export const requestRefund = (body: IRequestRefundRequest): Promise<IRefund> => api(P.requestRefund, { body });
export const decideRefund = (id: number, approve: boolean, reason?: string): Promise<IRefund> =>
  api(P.decideRefund, { params: { id }, body: { approve, reason } });
export const completeRefund = (id: number, reference?: string): Promise<IRefund> =>
  api(P.completeRefund, { params: { id }, body: { reference } });

/** Opens a PDF in a new tab for printing (a plain link would not carry the bearer token). */
export function openPdf(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const opened = window.open(url, '_blank');
  // A blocked pop-up still gets the file: save it instead.
  if (!opened) {
    const link = document.createElement('a');
    link.href = url;
    link.download = 'receipt.pdf';
    link.click();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
