import {
  ROUTES,
  type IInvoiceRequest,
  type IIssueInvoiceRequest,
  type IMediaRef,
  type IPage,
  type IPrepayAccount,
  type IPrepayLedgerEntry,
  type IPrepayOffer,
  type IUpsertPrepayOfferRequest,
  type InvoiceStatus,
} from '@app/shared';
import { api, http } from './client';

/** 预存账户 / 预存优惠 (PREPAY_ROUTES) and 发票管理 (INVOICE_ROUTES). */
const P = ROUTES.prepay;
const I = ROUTES.invoices;

export const getPrepayAccount = (houseId: number): Promise<IPrepayAccount> => api(P.account, { query: { houseId } });
export const listPrepayLedger = (houseId: number, page: number, pageSize: number): Promise<IPage<IPrepayLedgerEntry>> =>
  api(P.ledger, { query: { houseId, page, pageSize } });
export const listPrepayOffers = (projectId: number): Promise<IPrepayOffer[]> => api(P.offers, { query: { projectId } });
export const upsertPrepayOffer = (body: IUpsertPrepayOfferRequest & { id?: number }): Promise<IPrepayOffer> =>
  api(P.upsertOffer, { body });

export const listInvoiceRequests = (
  projectId: number,
  status: InvoiceStatus | undefined,
  page: number,
  pageSize: number,
): Promise<IPage<IInvoiceRequest>> => api(I.list, { query: { projectId, status, page, pageSize } });
export const issueInvoice = (id: number, body: IIssueInvoiceRequest): Promise<IInvoiceRequest> =>
  api(I.issue, { params: { id }, body });
export const rejectInvoice = (id: number, reason: string): Promise<IInvoiceRequest> =>
  api(I.reject, { params: { id }, body: { reason } });

/** The issued invoice's PDF, stored as uploaded (media kind `document`). */
export function uploadInvoicePdf(file: Blob, fileName: string, clientUploadId: string): Promise<IMediaRef> {
  return http.upload<IMediaRef>(ROUTES.media.upload.path, file, fileName, {
    fields: { clientUploadId, kind: 'document' },
  });
}
