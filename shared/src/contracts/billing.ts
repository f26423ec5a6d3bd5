import type { HouseType } from './property';
import type { IPageQuery } from './common';

/**
 * Monthly property bills (docs/domain.md §5). Periods are Asia/Shanghai months "YYYY-MM"; money is integer
 * fen; quantities that can be fractional (m², m³, kWh) are integer thousandths ("milli").
 */

/** How a recurring fee item turns into a bill line for one house and one month. */
export const BillingItemKind = {
  /** 物业服务费: billable area × unit price per m² per month; price by house type. */
  Area: 'area',
  /** A fixed amount per house per month (e.g. 公共能耗费). */
  Fixed: 'fixed',
  /** Unit price × a per-house quantity set in the console (e.g. 车位管理费 × spaces). */
  PerSpace: 'per_space',
  /** 水费 / 电费: (this reading − last reading) × unit price. */
  Metered: 'metered',
  /** 公摊: a period total entered by staff, split over the project's houses by area or per house. */
  Shared: 'shared',
} as const;
export type BillingItemKind = (typeof BillingItemKind)[keyof typeof BillingItemKind];

export const BILLING_ITEM_KIND_LABELS: Record<BillingItemKind, string> = {
  area: '按面积计费',
  fixed: '固定金额',
  per_space: '按车位/数量',
  metered: '抄表计费',
  shared: '公摊分摊',
};

export const SharedSplit = { Area: 'area', House: 'house' } as const;
export type SharedSplit = (typeof SharedSplit)[keyof typeof SharedSplit];

/**
 * A recurring fee item of a project. Items are effective-dated, never edited in place: a price change
 * ends the current row (`effectiveTo`) and starts a new one, so every bill can say which price it used.
 */
export interface IBillingItem {
  id: number;
  projectId: number;
  /** Stable across price changes, e.g. "WY" 物业费, "SF" 水费. */
  code: string;
  name: string;
  kind: BillingItemKind;
  /** Area items: the house type this price applies to; null = every type without its own row. */
  houseType: HouseType | null;
  /** Area: fen per m² per month; metered: fen per unit; fixed: fen per month; per_space: fen per unit per month. */
  unitPriceFen: number;
  /** 元/㎡·月, 元/吨, 元/度, 元/月, 元/个·月 — display only. */
  unit: string;
  /** Shared items only. */
  sharedSplit: SharedSplit | null;
  /** First month the row applies to, "YYYY-MM". */
  effectiveFrom: string;
  /** Last month it applies to, or null while in force. */
  effectiveTo: string | null;
  createdBy: number;
  createdAt: string;
}

export interface IUpsertBillingItemRequest {
  projectId: number;
  code: string;
  name: string;
  kind: BillingItemKind;
  houseType?: HouseType | null;
  /** Yuan with at most two decimals, e.g. "2.35". */
  unitPrice: string;
  unit: string;
  sharedSplit?: SharedSplit | null;
  /** From which month the new price applies ("YYYY-MM"); earlier months keep the old row. */
  effectiveFrom: string;
}

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

export const VACANCY_STATUS_LABELS: Record<VacancyStatus, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回' };

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

export const BillRunStatus = {
  Running: 'running',
  /** Bills written; finance checks them. */
  Draft: 'draft',
  Checked: 'checked',
  Published: 'published',
  Failed: 'failed',
} as const;
export type BillRunStatus = (typeof BillRunStatus)[keyof typeof BillRunStatus];

export const BILL_RUN_STATUS_LABELS: Record<BillRunStatus, string> = {
  running: '生成中',
  draft: '待核对',
  checked: '已核对',
  published: '已发布',
  failed: '失败',
};

export interface IBillRunCheck {
  billCount: number;
  totalFen: number;
  /** Same figures for the previous month's run (null when there was none). */
  previousBillCount: number | null;
  previousTotalFen: number | null;
  /** Paid-service charges billed in this run. */
  chargeCount: number;
  chargeTotalFen: number;
  /** Charges signed on a staff device and not yet confirmed: listed for finance, not billed. */
  unconfirmedCharges: { chargeId: number; houseLabel: string; ticketSerial: string | null; totalFen: number }[];
  /** Houses whose current amount changed by more than 50 % (and ≥ 50 yuan) from last month. */
  unusual: { houseId: number; houseLabel: string; previousFen: number; currentFen: number }[];
  /** Houses without readings for a metered item this month. */
  missingReadings: { houseId: number; houseLabel: string; itemCode: string }[];
}

export interface IBillRun {
  id: number;
  projectId: number;
  projectName: string;
  period: string;
  status: BillRunStatus;
  housesTotal: number;
  housesDone: number;
  startedBy: number;
  startedAt: string;
  finishedAt: string | null;
  checkedBy: number | null;
  checkedAt: string | null;
  publishedBy: number | null;
  publishedAt: string | null;
  error: string | null;
  check: IBillRunCheck | null;
}

export interface IStartBillRunRequest {
  /** Omit for every project of the caller's company (one job per project). */
  projectId?: number;
  period: string;
}

export const BillStatus = {
  Draft: 'draft',
  Published: 'published',
  /** Replaced by a reissued bill (void-and-reissue, approved and audited). */
  Void: 'void',
} as const;
export type BillStatus = (typeof BillStatus)[keyof typeof BillStatus];

export const BILL_STATUS_LABELS: Record<BillStatus, string> = { draft: '草稿', published: '已发布', void: '已作废' };

/** Paid state derived from amounts (payments arrive with the payments issue). */
export const BillPayState = { Unpaid: 'unpaid', Partial: 'partial', Paid: 'paid' } as const;
export type BillPayState = (typeof BillPayState)[keyof typeof BillPayState];

export const BILL_PAY_STATE_LABELS: Record<BillPayState, string> = { unpaid: '待缴', partial: '部分缴纳', paid: '已缴清' };

export const BillLineKind = {
  PropertyFee: 'property_fee',
  Fixed: 'fixed',
  PerSpace: 'per_space',
  Metered: 'metered',
  Shared: 'shared',
  /** A paid-service charge; carries the ticket serial (provenance). */
  Charge: 'charge',
  VacancyDiscount: 'vacancy_discount',
  LateFee: 'late_fee',
  /** A correction of an earlier published bill, approved and audited. */
  Adjustment: 'adjustment',
} as const;
export type BillLineKind = (typeof BillLineKind)[keyof typeof BillLineKind];

export const BILL_LINE_KIND_LABELS: Record<BillLineKind, string> = {
  property_fee: '物业服务费',
  fixed: '固定费用',
  per_space: '按数量收费',
  metered: '抄表费用',
  shared: '公摊费用',
  charge: '特约服务费',
  vacancy_discount: '空置房优惠',
  late_fee: '滞纳金',
  adjustment: '调整',
};

export interface IBillLine {
  id: number;
  kind: BillLineKind;
  itemCode: string | null;
  name: string;
  /** Human quantity, e.g. "89.50 ㎡", "12.000 吨", "1 次". */
  quantityText: string;
  unitPriceFen: number | null;
  /** Negative for discounts. Each line rounded once, half up. */
  amountFen: number;
  chargeId: number | null;
  ticketId: number | null;
  ticketSerial: string | null;
  /** Late fee lines: waived by the project manager (amount kept for the record, not owed). */
  waived: boolean;
}

export interface IBill {
  id: number;
  projectId: number;
  houseId: number;
  houseLabel: string;
  period: string;
  status: BillStatus;
  payState: BillPayState;
  /** Σ lines (waived lines excluded). */
  totalFen: number;
  paidFen: number;
  /** Unpaid balance of earlier published bills of the house, shown, never added to this bill's total. */
  arrearsFen: number;
  publishedAt: string | null;
  /** "How to pay" until online payment lands. */
  dueDate: string;
}

export interface IBillDetail extends IBill {
  lines: IBillLine[];
  /** Earlier unpaid bills making up `arrearsFen`. */
  arrears: { billId: number; period: string; owedFen: number }[];
  /** Sha-256 of the bill's canonical content; equal for equal bills (R4). */
  contentHash: string;
}

export interface IBillListQuery extends IPageQuery {
  projectId?: number;
  period?: string;
  buildingId?: number;
  status?: BillStatus;
  payState?: BillPayState;
  /** House label contains. */
  q?: string;
}

export interface IArrearsRow {
  houseId: number;
  houseLabel: string;
  buildingName: string;
  unitName: string;
  owedFen: number;
  billCount: number;
  oldestPeriod: string;
  /** Whole months since the oldest unpaid period. */
  ageMonths: number;
  lastReminderAt: string | null;
}

export interface IArrearsQuery extends IPageQuery {
  projectId: number;
  buildingId?: number;
  unitId?: number;
  /** At least this many months old. */
  minAgeMonths?: number;
}

export const ReminderChannel = { InApp: 'in_app', Notice: 'notice' } as const;
export type ReminderChannel = (typeof ReminderChannel)[keyof typeof ReminderChannel];

export interface ISendRemindersRequest {
  projectId: number;
  houseIds: number[];
  channel: ReminderChannel;
}

export interface IReminder {
  id: number;
  houseId: number;
  houseLabel: string;
  channel: ReminderChannel;
  owedFen: number;
  sentBy: number;
  sentByName: string;
  sentAt: string;
}

export interface ICollectionRateRow {
  /** Building name, or the period when grouped by month. */
  key: string;
  billedFen: number;
  receivedFen: number;
  /** received / billed in basis points (10000 = 100 %); null when nothing was billed. */
  rateBp: number | null;
}

export interface ICollectionRate {
  projectId: number;
  period: string;
  current: ICollectionRateRow;
  /** Bills of earlier periods still open at the start of this one. */
  arrears: ICollectionRateRow;
  byBuilding: ICollectionRateRow[];
  /** The last 12 months, oldest first (for the chart). */
  byMonth: ICollectionRateRow[];
}

export interface IVoidAndReissueRequest {
  reason: string;
}

export interface IAddAdjustmentRequest {
  houseId: number;
  /** Yuan, may be negative. Lands on the house's next bill. */
  amount: string;
  reason: string;
}
