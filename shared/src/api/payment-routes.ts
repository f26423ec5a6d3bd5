import type {
  IBinding,
  ICallerLookupRequest,
  ICashierPaymentRequest,
  ICashierPaymentResult,
  ICreatePayOrderRequest,
  IDecidePaymentRequest,
  IDecideRefundRequest,
  IHandoverSummary,
  IInvoiceRequest,
  IInvoiceTitle,
  IIssueInvoiceRequest,
  IPage,
  IPayables,
  IPayment,
  IPaymentListQuery,
  IPayOrder,
  IPrepayAccount,
  IPrepayLedgerEntry,
  IPrepayOffer,
  IPrepayOfferQuote,
  IReceipt,
  IReconciliationDiscrepancy,
  IReconciliationRun,
  IRefund,
  IRequestInvoiceRequest,
  IRequestRefundRequest,
  IUpsertInvoiceTitleRequest,
  IUpsertPrepayOfferRequest,
  InvoiceStatus,
  RefundStatus,
} from '../contracts';
import { del, get, post } from './route';

/**
 * Payments (docs/payments.md). Each group is wired into ROUTES (routes.ts) by the change that serves it,
 * so the OpenAPI check never sees a route the server lacks. Binary answers (pdf) are typed ArrayBuffer.
 */

/** WeChat Pay for residents, payments and receipts (payments module). */
export const PAYMENT_ROUTES = {
  /** The signed-in resident's open bills and charges of one of their houses, oldest first. */
  myPayables: get<IPayables, { houseId: number }>()('/api/payments/mine/payables'),
  /** Prepay (JSAPI). The same idempotency key answers the same order while it is valid (R6). */
  createOrder: post<IPayOrder, ICreatePayOrderRequest>()('/api/payments/mine/orders'),
  /** The order as the server knows it; `status: 'paid'` only after a verified notify or an order query. */
  myOrder: get<IPayOrder>()('/api/payments/mine/orders/:id'),
  myPayments: get<IPage<IPayment>, { houseId?: number; page?: number; pageSize?: number }>()('/api/payments/mine'),
  myReceipt: get<IReceipt>()('/api/payments/mine/receipts/:id'),
  myReceiptPdf: get<ArrayBuffer>()('/api/payments/mine/receipts/:id/pdf'),

  /** Staff: payments of a project (payment.view). */
  list: get<IPage<IPayment>, IPaymentListQuery>()('/api/payments'),
  receipt: get<IReceipt>()('/api/payments/receipts/:id'),
  /** Printable receipt; every print after the first is marked 补打. */
  receiptPdf: get<ArrayBuffer>()('/api/payments/receipts/:id/pdf'),

  refunds: get<IPage<IRefund>, { projectId: number; status?: RefundStatus; page?: number; pageSize?: number }>()(
    '/api/payments/refunds',
  ),
  requestRefund: post<IRefund, IRequestRefundRequest>()('/api/payments/refunds'),
  /** Finance approves (WeChat refunds then go to WeChat Pay) or rejects with a reason. */
  decideRefund: post<IRefund, IDecideRefundRequest>()('/api/payments/refunds/:id/decision'),
  /** The cashier records that an approved cash/transfer refund was handed back. */
  completeRefund: post<IRefund, { reference?: string }>()('/api/payments/refunds/:id/complete'),
};

/** The cashier desk (console). */
export const CASHIER_ROUTES = {
  /** Open items of a house for the desk (house found via the property directory / caller lookup). */
  payables: get<IPayables, { houseId: number }>()('/api/cashier/payables'),
  /** 按手机号: the payer's verified houses in the project (the number in a body, never a URL; audited like the caller lookup). */
  lookupHouses: post<IBinding[], ICallerLookupRequest>()('/api/cashier/lookup'),
  /** One or several tenders for one or several items; partial allowed; oldest first when no targets. */
  collect: post<ICashierPaymentResult, ICashierPaymentRequest>()('/api/cashier/payments'),
  pendingApprovals: get<IPayment[], { projectId: number }>()('/api/cashier/approvals'),
  /** A second person (not the collector) approves or rejects an offline payment. */
  decide: post<IPayment, IDecidePaymentRequest>()('/api/cashier/payments/:id/decision'),
  handover: get<IHandoverSummary, { projectId: number; date: string }>()('/api/cashier/handover'),
};

/** Prepayment accounts and offers. */
export const PREPAY_ROUTES = {
  myAccount: get<IPrepayAccount, { houseId: number }>()('/api/prepay/mine'),
  myLedger: get<IPage<IPrepayLedgerEntry>, { houseId: number; page?: number; pageSize?: number }>()(
    '/api/prepay/mine/ledger',
  ),
  myOffers: get<IPrepayOfferQuote[], { houseId: number }>()('/api/prepay/mine/offers'),
  account: get<IPrepayAccount, { houseId: number }>()('/api/prepay/accounts'),
  ledger: get<IPage<IPrepayLedgerEntry>, { houseId: number; page?: number; pageSize?: number }>()('/api/prepay/ledger'),
  offers: get<IPrepayOffer[], { projectId: number }>()('/api/prepay/offers'),
  upsertOffer: post<IPrepayOffer, IUpsertPrepayOfferRequest & { id?: number }>()('/api/prepay/offers'),
};

/** Invoice titles and requests (电子发票). */
export const INVOICE_ROUTES = {
  myTitles: get<IInvoiceTitle[]>()('/api/invoices/mine/titles'),
  saveTitle: post<IInvoiceTitle, IUpsertInvoiceTitleRequest & { id?: number }>()('/api/invoices/mine/titles'),
  deleteTitle: del<void>()('/api/invoices/mine/titles/:id'),
  myRequests: get<IInvoiceRequest[]>()('/api/invoices/mine'),
  request: post<IInvoiceRequest, IRequestInvoiceRequest>()('/api/invoices/mine'),
  myPdf: get<ArrayBuffer>()('/api/invoices/mine/:id/pdf'),
  list: get<IPage<IInvoiceRequest>, { projectId: number; status?: InvoiceStatus; page?: number; pageSize?: number }>()(
    '/api/invoices',
  ),
  issue: post<IInvoiceRequest, IIssueInvoiceRequest>()('/api/invoices/:id/issue'),
  reject: post<IInvoiceRequest, { reason: string }>()('/api/invoices/:id/reject'),
};

/** Daily reconciliation against the WeChat Pay trade bill (finance). */
export const RECONCILIATION_ROUTES = {
  runs: get<IReconciliationRun[], { from?: string; to?: string }>()('/api/reconciliation/runs'),
  /** Download the trade bill of `date` and compare; re-running a date replaces its result. */
  run: post<IReconciliationRun, { date: string }>()('/api/reconciliation/runs'),
  discrepancies: get<IReconciliationDiscrepancy[]>()('/api/reconciliation/runs/:id/discrepancies'),
};
