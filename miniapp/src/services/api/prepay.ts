import {
  INVOICE_ROUTES,
  PAYMENT_ROUTES,
  PREPAY_ROUTES,
  buildPath,
  type IInvoiceRequest,
  type IInvoiceTitle,
  type IPage,
  type IPayment,
  type IPrepayAccount,
  type IPrepayLedgerEntry,
  type IPrepayOfferQuote,
  type IUpsertInvoiceTitleRequest,
} from '@app/shared';
import { api } from '../http';

/** The resident's prepayment account (预存) and invoice requests (电子发票): only the `mine` routes. */

export const getMyPrepayAccount = (houseId: number): Promise<IPrepayAccount> =>
  api(PREPAY_ROUTES.myAccount, { query: { houseId } });
export const getMyPrepayLedger = (houseId: number, page = 1, pageSize = 50): Promise<IPage<IPrepayLedgerEntry>> =>
  api(PREPAY_ROUTES.myLedger, { query: { houseId, page, pageSize } });
export const getMyPrepayOffers = (houseId: number): Promise<IPrepayOfferQuote[]> =>
  api(PREPAY_ROUTES.myOffers, { query: { houseId } });

export const getMyInvoiceTitles = (): Promise<IInvoiceTitle[]> => api(INVOICE_ROUTES.myTitles);
export const saveInvoiceTitle = (body: IUpsertInvoiceTitleRequest & { id?: number }): Promise<IInvoiceTitle> =>
  api(INVOICE_ROUTES.saveTitle, { body });
export const deleteInvoiceTitle = (id: number): Promise<void> => api(INVOICE_ROUTES.deleteTitle, { params: { id } });
export const getMyInvoices = (): Promise<IInvoiceRequest[]> => api(INVOICE_ROUTES.myRequests);
export const requestInvoice = (titleId: number, paymentIds: number[]): Promise<IInvoiceRequest> =>
  api(INVOICE_ROUTES.request, { body: { titleId, paymentIds } });
/** Confirmed payments of the resident's houses (the ones an invoice can be asked for). */
export const getMyPaymentsForInvoice = (): Promise<IPage<IPayment>> =>
  api(PAYMENT_ROUTES.myPayments, { query: { page: 1, pageSize: 50 } });

/** Path of the issued invoice's PDF; utils/authorized-pdf opens it with the session's token. */
export const myInvoicePdfPath = (id: number): string => buildPath(INVOICE_ROUTES.myPdf.path, { id });
