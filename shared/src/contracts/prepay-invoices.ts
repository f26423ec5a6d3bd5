/** Prepayment accounts (预存) and e-invoice requests (docs/prepay-invoices.md). Money in integer fen. */

// ── Prepayment (预存) ────────────────────────────────────────────────────────────────────────────────

export const PrepayEntryKind = {
  Topup: 'topup',
  /** Bonus credit of a prepay offer (shown as its own visible line). */
  OfferBonus: 'offer_bonus',
  /** A published bill settled from the account. */
  Settle: 'settle',
  Refund: 'refund',
} as const;
export type PrepayEntryKind = (typeof PrepayEntryKind)[keyof typeof PrepayEntryKind];

export const PREPAY_ENTRY_KIND_LABELS: Record<PrepayEntryKind, string> = {
  topup: '预存充值',
  offer_bonus: '预存优惠',
  settle: '账单抵扣',
  refund: '预存退款',
};

export interface IPrepayAccount {
  houseId: number;
  houseLabel: string;
  balanceFen: number;
  updatedAt: string | null;
}

export interface IPrepayLedgerEntry {
  id: number;
  kind: PrepayEntryKind;
  /** Signed: + into the account, − out of it. */
  amountFen: number;
  balanceAfterFen: number;
  billId: number | null;
  paymentId: number | null;
  note: string;
  createdAt: string;
}

/** e.g. pay 12 months of property fee, get 1 month free (credited as an offer bonus). */
export interface IPrepayOffer {
  id: number;
  projectId: number;
  name: string;
  payMonths: number;
  freeMonths: number;
  validFrom: string;
  validTo: string | null;
  active: boolean;
}

export interface IUpsertPrepayOfferRequest {
  projectId: number;
  name: string;
  payMonths: number;
  freeMonths: number;
  validFrom: string;
  validTo?: string | null;
  active: boolean;
}

/** What an offer gives a house: the price of `payMonths` months and the bonus, from its property fee. */
export interface IPrepayOfferQuote {
  offerId: number;
  /** The offer's name and months, so the resident sees what they pay and get without a second call. */
  name: string;
  payMonths: number;
  freeMonths: number;
  houseId: number;
  /** The whole month's property fee as bills charge it from `fromPeriod` (priced with the items in force then). */
  monthlyFeeFen: number;
  payFen: number;
  bonusFen: number;
  /** The first month the quoted months cover: this month, or the house's first whole month of billing (计费起始日). */
  fromPeriod: string;
  /** The house's 计费起始日, null when it is billed from the start. */
  billingStartDate: string | null;
}

// ── Invoices (电子发票) ──────────────────────────────────────────────────────────────────────────────

export const InvoiceTitleKind = { Personal: 'personal', Company: 'company' } as const;
export type InvoiceTitleKind = (typeof InvoiceTitleKind)[keyof typeof InvoiceTitleKind];

export interface IInvoiceTitle {
  id: number;
  kind: InvoiceTitleKind;
  /** 抬头: a person's name or the company name. */
  name: string;
  /** 纳税人识别号 (company only): 15, 18 or 20 characters. */
  taxId: string | null;
  email: string | null;
  isDefault: boolean;
}

export interface IUpsertInvoiceTitleRequest {
  kind: InvoiceTitleKind;
  name: string;
  taxId?: string | null;
  email?: string | null;
  isDefault?: boolean;
}

export const InvoiceStatus = { Requested: 'requested', Issued: 'issued', Rejected: 'rejected' } as const;
export type InvoiceStatus = (typeof InvoiceStatus)[keyof typeof InvoiceStatus];

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  requested: '待开票',
  issued: '已开票',
  rejected: '已驳回',
};

export interface IRequestInvoiceRequest {
  titleId: number;
  paymentIds: number[];
}

export interface IIssueInvoiceRequest {
  invoiceNo: string;
  /** The issued PDF, uploaded first through the media upload (kind `document`): its media id. Omit to
   *  mark the invoice issued by its number only (the tax system delivered it). */
  pdfMediaId?: number;
}

export interface IInvoiceRequest {
  id: number;
  projectId: number;
  houseId: number;
  houseLabel: string;
  title: Omit<IInvoiceTitle, 'id' | 'isDefault'>;
  paymentIds: number[];
  amountFen: number;
  status: InvoiceStatus;
  invoiceNo: string | null;
  hasPdf: boolean;
  rejectReason: string | null;
  createdAt: string;
  decidedAt: string | null;
}
