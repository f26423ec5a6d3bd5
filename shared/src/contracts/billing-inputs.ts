/**
 * Bill run inputs (docs/billing.md "Run inputs"): per-house quantities, 公摊 totals, meter readings and their
 * import, vacancy applications and the late-fee policy. Quantities are integer thousandths, money integer fen.
 */

/** The quantity of a per-space item for one house (e.g. 2 parking spaces). */
export interface ISetHouseQuantityRequest {
  itemCode: string;
  houseId: number;
  quantity: number;
}

/** A per-space quantity as set (the list behind the console's 数量 tab). */
export interface IHouseQuantity {
  houseId: number;
  houseLabel: string;
  itemCode: string;
  quantity: number;
}

/** A 公摊 month total as entered. */
export interface ISharedAmount {
  itemCode: string;
  period: string;
  amountFen: number;
}

/** The total of a 公摊 item for one month, to be split exactly to the fen. */
export interface ISetSharedAmountRequest {
  projectId: number;
  itemCode: string;
  period: string;
  /** Yuan, e.g. "3260.55". */
  amount: string;
}

export interface IMeterReading {
  id: number;
  projectId: number;
  houseId: number;
  houseLabel: string;
  itemCode: string;
  period: string;
  /** Meter value in thousandths of a unit. */
  readingMilli: number;
  /** The reading this one is compared with (last month's, or 0 after a meter change). */
  previousMilli: number;
  consumptionMilli: number;
  meterChanged: boolean;
  enteredBy: number;
  enteredAt: string;
}

export interface IRecordReadingRequest {
  projectId: number;
  houseId: number;
  itemCode: string;
  period: string;
  /** Decimal text with up to 3 decimals, e.g. "1234.5". */
  reading: string;
  /** A new meter: the reading may be lower than the last one; consumption counts from `startReading`. */
  meterChanged?: boolean;
  startReading?: string;
}

export interface IReadingImportRowError {
  /** 1-based spreadsheet row. */
  row: number;
  /** Chinese column name, e.g. 本期读数. */
  field: string;
  message: string;
}

export interface IReadingImportResult {
  dryRun: boolean;
  rows: number;
  /** Readings written (0 on a dry run or when any row failed: imports are all-or-nothing). */
  imported: number;
  errors: IReadingImportRowError[];
}

export const VacancyStatus = { Pending: 'pending', Approved: 'approved', Rejected: 'rejected' } as const;
export type VacancyStatus = (typeof VacancyStatus)[keyof typeof VacancyStatus];

export const VACANCY_STATUS_LABELS: Record<VacancyStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已驳回',
};

/** 空置房 discount: an approved application gives a negative line on the property fee for its months. */
export interface IVacancyApplication {
  id: number;
  projectId: number;
  houseId: number;
  houseLabel: string;
  fromPeriod: string;
  toPeriod: string;
  /** Share of the property service fee taken off, in percent (e.g. 30 → 30 %). */
  discountPercent: number;
  reason: string;
  status: VacancyStatus;
  appliedBy: number;
  appliedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface IApplyVacancyRequest {
  houseId: number;
  fromPeriod: string;
  toPeriod: string;
  reason: string;
}

export interface IDecideVacancyRequest {
  approve: boolean;
  note?: string;
}

/**
 * Late fees (滞纳金) are off by default. Courts often cut contractual late fees and regulators frown on
 * high ones; the UI says so next to the switch (docs/domain.md §5).
 */
export interface ILateFeePolicy {
  projectId: number;
  enabled: boolean;
  /** Days after the bill's period end before the fee starts. */
  graceDays: number;
  /** Daily rate in parts per 100,000 (50 → 0.05 % a day). */
  dailyRatePer100k: number;
  /** Cap as a percent of the overdue principal. */
  capPercent: number;
  /** Property fee defaults: discount percent offered for an approved vacancy. */
  vacancyDiscountPercent: number;
}

export type IUpdateLateFeePolicyRequest = Omit<ILateFeePolicy, 'projectId'>;
