import type { EntityManager } from 'typeorm';
import type { PaymentStatus, PayTargetKind, TenderMethod } from '@app/shared';

/** The shapes PaymentsService takes and hands out (docs/payments.md "Recording a payment"). */

export interface AllocationInput {
  kind: PayTargetKind;
  /** Bill id, charge id, or the house id for a prepayment top-up. */
  targetId: number;
  amountFen: number;
  title: string;
}

export interface RecordPaymentInput {
  companyId: number;
  projectId: number;
  houseId: number;
  receiptId: number | null;
  method: TenderMethod;
  amountFen: number;
  allocations: AllocationInput[];
  status: 'confirmed' | 'pending_approval';
  reference?: string | null;
  /** The cashier; null for the resident's own WeChat payment. */
  collectedBy: number | null;
  payOrderId?: number | null;
  /** Audit actor when nobody collected it (the paying resident). */
  actorId?: number | null;
  /** A top-up taking a prepay offer (WeChat order's prepayOfferId): handed to the top-up sink, which credits the bonus. */
  prepayOfferId?: number | null;
}

/** What invoices need to know of a payment (invoices sits above payments and never reads its tables). */
export interface PaymentFacts {
  id: number;
  companyId: number;
  projectId: number;
  houseId: number;
  method: TenderMethod;
  status: PaymentStatus;
  amountFen: number;
  refundedFen: number;
}

/** What prepay registers so a top-up allocation lands in the house's account (payments never imports prepay). */
export type TopupSink = (
  tx: EntityManager,
  topup: {
    companyId: number;
    projectId: number;
    houseId: number;
    paymentId: number;
    amountFen: number;
    reversal: boolean;
    offerId?: number | null;
  },
) => Promise<void>;

/** What prepay registers so the desk's 预存抵扣 tender takes the money out of the account (409 with the balance when short). */
export type PrepaySpender = (
  tx: EntityManager,
  spend: {
    houseId: number;
    amountFen: number;
    paymentId: number;
    billId: number | null;
    note: string;
    actorId: number | null;
  },
) => Promise<void>;

/** What prepay registers so payables answer the house's real prepayment balance. */
export type PrepayBalanceReader = (tx: EntityManager, houseId: number) => Promise<number>;
