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

export const BILL_PAY_STATE_LABELS: Record<BillPayState, string> = {
  unpaid: '待缴',
  partial: '部分缴纳',
  paid: '已缴清',
};

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

export interface IVoidAndReissueRequest {
  reason: string;
}

export interface IAddAdjustmentRequest {
  houseId: number;
  /** Yuan, may be negative. Lands on the house's next bill. */
  amount: string;
  reason: string;
}
