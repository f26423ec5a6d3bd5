import type { IQuote, IQuoteLine } from '../quote';

export const PriceListKind = { FeeSchedule: 'fee_schedule', Materials: 'materials' } as const;
export type PriceListKind = (typeof PriceListKind)[keyof typeof PriceListKind];

export const PriceListStatus = { Draft: 'draft', Approved: 'approved', Published: 'published' } as const;
export type PriceListStatus = (typeof PriceListStatus)[keyof typeof PriceListStatus];

export const PRICE_LIST_STATUS_LABELS: Record<PriceListStatus, string> = {
  draft: '草稿',
  approved: '已审批',
  published: '已公示',
};

export const FEE_UNITS = [
  '次',
  '小时',
  '个',
  '米',
  '平方米',
  '套',
  '张',
  '台',
  '扇',
  '樘',
  '根',
  '把',
  '卷',
  '支',
] as const;

export interface IFeeCategory {
  code: string;
  name: string;
  sortOrder: number;
}

export interface IFeeItem {
  id: number;
  versionId: number;
  categoryCode: string;
  code: string;
  name: string;
  unit: string;
  labourPriceFen: number;
  callOutFeeFen: number | null;
  materialsExtra: boolean;
  /** Sold over the service-centre counter (打字复印 items always are); repair items never are. */
  counterSale: boolean;
  serviceStandard: string;
  sortOrder: number;
}

export interface IMaterialPrice {
  id: number;
  versionId: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  priceFen: number;
  sortOrder: number;
}

/** The material price list in force for a project (technicians add property-supplied materials to quotes from it). */
export interface IMaterialPriceList {
  /** null when the company has published no material prices yet: quotes then carry labour lines only. */
  versionId: number | null;
  title: string | null;
  materials: IMaterialPrice[];
}

export interface IPriceListVersion {
  id: number;
  kind: PriceListKind;
  companyId: number;
  regionId: number | null;
  versionNo: number;
  title: string;
  status: PriceListStatus;
  effectiveFrom: string | null;
  /** True for the one published version in force right now for its scope. */
  inForce: boolean;
  notes: string | null;
  createdBy: number;
  approvedBy: number | null;
  approvedAt: string | null;
  publishedBy: number | null;
  publishedAt: string | null;
  itemCount: number;
}

export interface ICreatePriceListRequest {
  kind: PriceListKind;
  companyId: number;
  regionId?: number | null;
  title: string;
  /** Copy categories and items from this version (usually the one in force). */
  copyFromVersionId?: number | null;
  notes?: string | null;
}

export interface IUpsertFeeCategoryRequest {
  code: string;
  name: string;
  sortOrder?: number;
}

export interface IUpsertFeeItemRequest {
  categoryCode: string;
  code: string;
  name: string;
  unit: string;
  labourPriceFen: number;
  callOutFeeFen?: number | null;
  materialsExtra: boolean;
  /** Default false (打字复印 items are counter items regardless). */
  counterSale?: boolean;
  serviceStandard: string;
  sortOrder?: number;
}

export interface IUpsertMaterialPriceRequest {
  code: string;
  name: string;
  spec?: string;
  unit: string;
  priceFen: number;
  sortOrder?: number;
}

export interface IPublishPriceListRequest {
  /** ISO instant; must not be in the past, so history never changes. Defaults to now. */
  effectiveFrom?: string;
}

export interface IFeeScheduleCategoryView extends IFeeCategory {
  items: IFeeItem[];
}

/** What residents read (公示): the schedule in force for a project. */
export interface IPublicFeeSchedule {
  versionId: number;
  versionNo: number;
  title: string;
  effectiveFrom: string;
  companyName: string;
  /** The company's cash-on-site limit (company settings), printed on the poster instead of a fixed amount. */
  cashLimitFen: number;
  categories: IFeeScheduleCategoryView[];
}

export interface IPriceListDiffEntry {
  code: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** Field → [before, after] for changed entries. */
  fields: Record<string, [unknown, unknown]>;
}

export interface IPriceListDiff {
  fromVersionId: number;
  toVersionId: number;
  entries: IPriceListDiffEntry[];
}

export interface IQuoteRequestItem {
  code: string;
  quantityMilli: number;
}

export interface IQuotePreviewRequest {
  projectId: number;
  items: IQuoteRequestItem[];
  /** Property-supplied materials only; resident-supplied materials are not charged. */
  materials?: IQuoteRequestItem[];
}

/** A priced quote plus the versions it was priced under; the snapshot a resident agrees to. */
export interface IPricedQuote extends IQuote {
  scheduleVersionId: number;
  materialsVersionId: number | null;
  pricedAt: string;
  lines: IQuoteLine[];
}

/** GET /api/price-lists/:id — the version with all of its rows in one answer. */
export interface IPriceListDetail {
  version: IPriceListVersion;
  categories: IFeeCategory[];
  items: IFeeItem[];
  materials: IMaterialPrice[];
}
