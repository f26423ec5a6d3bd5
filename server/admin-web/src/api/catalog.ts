import {
  ROUTES,
  buildUrl,
  type ICreatePriceListRequest,
  type IFeeCategory,
  type IFeeItem,
  type IMaterialPrice,
  type IPriceListDetail,
  type IPriceListDiff,
  type IPriceListVersion,
  type IPricedQuote,
  type IPublicFeeSchedule,
  type IQuotePreviewRequest,
  type IUpsertFeeCategoryRequest,
  type IUpsertFeeItemRequest,
  type IUpsertMaterialPriceRequest,
  type PriceListKind,
} from '@app/shared';
import { api } from './client';

export type { IPriceListDetail } from '@app/shared';

const P = ROUTES.priceLists;

export function listPriceLists(kind?: PriceListKind, companyId?: number): Promise<IPriceListVersion[]> {
  return api(P.list, { query: { kind, companyId } });
}

export function createPriceList(body: ICreatePriceListRequest): Promise<IPriceListVersion> {
  return api(P.create, { body });
}

export function getPriceList(id: number): Promise<IPriceListDetail> {
  return api(P.one, { params: { id } });
}

export function upsertCategory(id: number, body: IUpsertFeeCategoryRequest): Promise<IFeeCategory> {
  return api(P.upsertCategory, { params: { id }, body });
}

export function upsertFeeItem(id: number, body: IUpsertFeeItemRequest): Promise<IFeeItem> {
  return api(P.upsertItem, { params: { id }, body });
}

export function upsertMaterial(id: number, body: IUpsertMaterialPriceRequest): Promise<IMaterialPrice> {
  return api(P.upsertMaterial, { params: { id }, body });
}

export function deleteEntry(id: number, code: string): Promise<void> {
  return api(P.deleteEntry, { params: { id, code } });
}

export function approvePriceList(id: number): Promise<IPriceListVersion> {
  return api(P.approve, { params: { id } });
}

export function returnPriceListToDraft(id: number): Promise<IPriceListVersion> {
  return api(P.returnToDraft, { params: { id } });
}

export function publishPriceList(id: number, effectiveFrom?: string): Promise<IPriceListVersion> {
  return api(P.publish, { params: { id }, body: effectiveFrom ? { effectiveFrom } : {} });
}

export function diffPriceLists(id: number, againstId: number): Promise<IPriceListDiff> {
  return api(P.diff, { params: { id }, query: { against: againstId } });
}

export function getPublicFeeSchedule(projectId: number, q?: string): Promise<IPublicFeeSchedule> {
  return api(ROUTES.feeSchedule.public, { query: { projectId, q } });
}

/** The poster is a public HTML page (no token needed), so a plain link in a new tab works. */
export function feeSchedulePosterUrl(projectId: number): string {
  return buildUrl('', ROUTES.feeSchedule.poster.path, { projectId });
}

export function previewQuote(body: IQuotePreviewRequest): Promise<IPricedQuote> {
  return api(ROUTES.feeSchedule.quote, { body });
}
