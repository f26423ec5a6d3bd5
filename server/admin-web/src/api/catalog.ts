import type {
  ICreatePriceListRequest,
  IFeeCategory,
  IFeeItem,
  IMaterialPrice,
  IPriceListDiff,
  IPriceListVersion,
  IPricedQuote,
  IPublicFeeSchedule,
  IQuotePreviewRequest,
  IUpsertFeeCategoryRequest,
  IUpsertFeeItemRequest,
  IUpsertMaterialPriceRequest,
  PriceListKind,
} from '@app/shared';
import { buildUrl } from './http';
import { http } from './client';

/** GET /price-lists/:id — the server returns the version with all of its rows in one answer. */
export interface IPriceListDetail {
  version: IPriceListVersion;
  categories: IFeeCategory[];
  items: IFeeItem[];
  materials: IMaterialPrice[];
}

export function listPriceLists(kind?: PriceListKind, companyId?: number): Promise<IPriceListVersion[]> {
  return http.get<IPriceListVersion[]>('/price-lists', { kind, companyId });
}

export function createPriceList(body: ICreatePriceListRequest): Promise<IPriceListVersion> {
  return http.post<IPriceListVersion>('/price-lists', body);
}

export function getPriceList(id: number): Promise<IPriceListDetail> {
  return http.get<IPriceListDetail>(`/price-lists/${id}`);
}

export function upsertCategory(id: number, body: IUpsertFeeCategoryRequest): Promise<IFeeCategory> {
  return http.post<IFeeCategory>(`/price-lists/${id}/categories`, body);
}

export function upsertFeeItem(id: number, body: IUpsertFeeItemRequest): Promise<IFeeItem> {
  return http.post<IFeeItem>(`/price-lists/${id}/items`, body);
}

export function upsertMaterial(id: number, body: IUpsertMaterialPriceRequest): Promise<IMaterialPrice> {
  return http.post<IMaterialPrice>(`/price-lists/${id}/materials`, body);
}

export function deleteEntry(id: number, code: string): Promise<void> {
  return http.request<void>('DELETE', `/price-lists/${id}/entries/${encodeURIComponent(code)}`);
}

export function approvePriceList(id: number): Promise<IPriceListVersion> {
  return http.post<IPriceListVersion>(`/price-lists/${id}/approve`, {});
}

export function returnPriceListToDraft(id: number): Promise<IPriceListVersion> {
  return http.post<IPriceListVersion>(`/price-lists/${id}/return-to-draft`, {});
}

export function publishPriceList(id: number, effectiveFrom?: string): Promise<IPriceListVersion> {
  return http.post<IPriceListVersion>(`/price-lists/${id}/publish`, effectiveFrom ? { effectiveFrom } : {});
}

export function diffPriceLists(id: number, againstId: number): Promise<IPriceListDiff> {
  return http.get<IPriceListDiff>(`/price-lists/${id}/diff`, { against: againstId });
}

export function getPublicFeeSchedule(projectId: number, q?: string): Promise<IPublicFeeSchedule> {
  return http.request<IPublicFeeSchedule>('GET', '/public/fee-schedule', { query: { projectId, q }, auth: false });
}

/** The poster is a public HTML page (no token needed), so a plain link in a new tab works. */
export function feeSchedulePosterUrl(projectId: number): string {
  return buildUrl('/api', '/public/fee-schedule/poster', { projectId });
}

export function previewQuote(body: IQuotePreviewRequest): Promise<IPricedQuote> {
  return http.post<IPricedQuote>('/fee-schedule/quote', body);
}
