import type { IQuoteLine } from '../quote';

export const ChargeSource = { Ticket: 'ticket', Counter: 'counter' } as const;
export type ChargeSource = (typeof ChargeSource)[keyof typeof ChargeSource];

/** How the resident settles a charge (docs/domain.md §4). */
export const PaymentMethod = { Bill: 'bill', PayNow: 'pay_now', Cash: 'cash', Counter: 'counter' } as const;
export type PaymentMethod = (typeof PaymentMethod)[keyof typeof PaymentMethod];

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  bill: '计入月度物业账单',
  pay_now: '在线支付',
  cash: '现场现金',
  counter: '前台收款',
};

export const ChargeStatus = {
  /** Posted, waiting for the monthly bill or a payment. */
  Open: 'open',
  /** Technician recorded 已收讫; the cash is with the technician until the cashier confirms. */
  CashCollected: 'cash_collected',
  Paid: 'paid',
  Waived: 'waived',
  Billed: 'billed',
} as const;
export type ChargeStatus = (typeof ChargeStatus)[keyof typeof ChargeStatus];

export const CHARGE_STATUS_LABELS: Record<ChargeStatus, string> = {
  open: '待结算',
  cash_collected: '现金已收（待交款）',
  paid: '已付清',
  waived: '已免收',
  billed: '已入账单',
};

/**
 * Whether the resident stands behind a ticket charge (docs/domain.md §4 "Signatures on a staff device").
 * A charge whose quote, decline or acceptance was signed on the technician's phone starts unconfirmed:
 * not billed, not collectable in cash, not revenue, until the resident confirms it in the mini-program
 * or the customer manager records the resident's confirmation by phone.
 */
export const ChargeConfirmation = { Confirmed: 'confirmed', Unconfirmed: 'unconfirmed' } as const;
export type ChargeConfirmation = (typeof ChargeConfirmation)[keyof typeof ChargeConfirmation];

/** How a charge came to be confirmed. */
export const ChargeConfirmedVia = {
  /** The resident signed on their own account: confirmed when posted. */
  ResidentSignature: 'resident_signature',
  ResidentApp: 'resident_app',
  PhoneByCustomerManager: 'phone_by_customer_manager',
  /** Counter sales are paid on the spot by the customer in person. */
  Counter: 'counter',
} as const;
export type ChargeConfirmedVia = (typeof ChargeConfirmedVia)[keyof typeof ChargeConfirmedVia];

export const CHARGE_CONFIRMATION_LABELS: Record<ChargeConfirmation, string> = {
  confirmed: '已确认',
  unconfirmed: '未确认',
};

export const CHARGE_CONFIRMED_VIA_LABELS: Record<ChargeConfirmedVia, string> = {
  resident_signature: '业主本人签字',
  resident_app: '业主在小程序确认',
  phone_by_customer_manager: '客户经理记录电话确认',
  counter: '前台当面付款',
};

export interface IChargeLine extends IQuoteLine {
  id: number;
  scheduleVersionId: number | null;
  materialsVersionId: number | null;
}

export interface ICharge {
  id: number;
  source: ChargeSource;
  projectId: number;
  houseId: number | null;
  houseLabel: string | null;
  ticketId: number | null;
  ticketSerial: string | null;
  agreementRef: string | null;
  totalFen: number;
  paymentMethod: PaymentMethod;
  status: ChargeStatus;
  /** 'unconfirmed': signed on a staff device and not yet confirmed by the resident (not billable). */
  confirmation: ChargeConfirmation;
  confirmedVia: ChargeConfirmedVia | null;
  confirmedBy: number | null;
  confirmedAt: string | null;
  confirmationNote: string | null;
  lines: IChargeLine[];
  cashCollectedBy: number | null;
  cashCollectedAt: string | null;
  residentConfirmedAt: string | null;
  handedOverAt: string | null;
  waivedBy: number | null;
  waiverReason: string | null;
  paidAt: string | null;
  createdAt: string;
}

export interface ISetPaymentMethodRequest {
  paymentMethod: 'bill' | 'pay_now' | 'cash';
}

/** The customer manager records that the resident confirmed the charge on the phone. */
export interface IPhoneConfirmChargeRequest {
  note: string;
}

/** The customer manager records the resident's phone choice of cash on site (the app choice's stand-in). */
export interface IPhoneCashChoiceRequest {
  note: string;
}

export interface IWaiveChargeRequest {
  reason: string;
}

export interface ICashOutstandingEntry {
  chargeId: number;
  technicianId: number;
  technicianName: string;
  projectId: number;
  houseLabel: string | null;
  ticketSerial: string | null;
  amountFen: number;
  collectedAt: string;
  residentConfirmed: boolean;
}

export interface ICashOutstanding {
  totalFen: number;
  entries: ICashOutstandingEntry[];
}

export interface ICashHandoverRequest {
  technicianId: number;
  chargeIds: number[];
}

export interface ICashHandover {
  id: number;
  technicianId: number;
  cashierId: number;
  totalFen: number;
  chargeIds: number[];
  at: string;
}

export interface ICounterSaleRequest {
  projectId: number;
  houseId?: number | null;
  items: { code: string; quantityMilli: number }[];
  paidBy: 'cash' | 'wechat' | 'alipay' | 'pos';
  note?: string | null;
}

export interface IWaiverBudget {
  month: string;
  capFen: number;
  usedFen: number;
  remainingFen: number;
}

export interface ICompanySettings {
  companyId: number;
  cashLimitFen: number;
  waiverMonthlyCapFen: number;
}

export interface ICounterSale extends ICharge {
  /** cash / wechat / alipay / pos, as recorded at the counter. */
  paidBy: string;
  note: string | null;
}

/** One project's counter sales (打字复印) for one Asia/Shanghai day. */
export interface ICounterSaleLedger {
  projectId: number;
  date: string;
  totalFen: number;
  count: number;
  entries: ICounterSale[];
}
