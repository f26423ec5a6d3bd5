import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type {
  PayOrderStatus,
  ShippingStatus,
  PayTargetKind,
  PaymentStatus,
  RefundStatus,
  TenderMethod,
} from '@app/shared';
import { instant } from '../../database/columns';

/** A WeChat Pay (JSAPI) order: one prepay, paid once (docs/payments.md "WeChat orders"). */
@Entity({ name: 'pay_orders' })
@Index('uq_pay_orders_key', ['payerUserId', 'idempotencyKey'], { unique: true })
@Index('uq_pay_orders_out_trade_no', ['outTradeNo'], { unique: true })
@Index('ix_pay_orders_due', ['status', 'nextQueryAt'])
@Index('ix_pay_orders_shipping_due', ['shippingStatus', 'shippingNextAt'])
export class PayOrder {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'integer' })
  payerUserId: number;

  @Column({ type: 'varchar', length: 64 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 32 })
  outTradeNo: string;

  @Column({ type: 'varchar', length: 16 })
  status: PayOrderStatus;

  @Column({ type: 'integer' })
  amountFen: number;

  @Column({ type: 'varchar', length: 127 })
  description: string;

  /** The allocation fixed when the order was made: [{ kind, targetId, amountFen, title }]. */
  @Column({ type: 'text' })
  targetsJson: string;

  @Column({ type: 'integer', default: 0 })
  topupFen: number;

  @Column({ type: 'integer', nullable: true })
  prepayOfferId: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  prepayId: string | null;

  /** requestPayment's timeStamp/nonceStr, fixed per order so every answer for it is identical (R6). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  payTimeStamp: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  payNonce: string | null;

  @Column(instant())
  expiresAt: Date;

  @Column(instant({ nullable: true }))
  paidAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  transactionId: string | null;

  @Column({ type: 'integer', nullable: true })
  paymentId: number | null;

  @Column({ type: 'integer', nullable: true })
  receiptId: number | null;

  @Column({ type: 'integer', default: 0 })
  queryCount: number;

  /** When the scheduler next asks WeChat Pay about it (null: nothing to ask). */
  @Column(instant({ nullable: true }))
  nextQueryAt: Date | null;

  /** 发货信息管理 upload (docs/payments.md "Shipping info"): null until paid; pending → uploaded | failed | not_required. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  shippingStatus: ShippingStatus | null;

  @Column({ type: 'integer', default: 0 })
  shippingAttempts: number;

  /** When the sweep next tries the upload (also the claim: moved forward by the instance that takes it). */
  @Column(instant({ nullable: true }))
  shippingNextAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  shippingErrcode: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  shippingErrmsg: string | null;

  @Column(instant({ nullable: true }))
  shippingUploadedAt: Date | null;

  @Column(instant())
  createdAt: Date;

  @Column(instant())
  updatedAt: Date;
}

/** One tender: one method, one amount, allocated to bills, charges or a prepayment top-up. */
@Entity({ name: 'payments' })
@Index('uq_payments_pay_order', ['payOrderId'], { unique: true })
@Index('ix_payments_project_paid', ['projectId', 'paidAt'])
@Index('ix_payments_house', ['houseId'])
@Index('ix_payments_receipt', ['receiptId'])
@Index('ix_payments_status', ['projectId', 'status'])
export class Payment {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'integer', nullable: true })
  receiptId: number | null;

  @Column({ type: 'integer', nullable: true })
  payOrderId: number | null;

  @Column({ type: 'varchar', length: 16 })
  method: TenderMethod;

  @Column({ type: 'varchar', length: 16 })
  status: PaymentStatus;

  @Column({ type: 'integer' })
  amountFen: number;

  @Column({ type: 'integer', default: 0 })
  refundedFen: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  reference: string | null;

  @Column({ type: 'integer', nullable: true })
  collectedBy: number | null;

  @Column({ type: 'integer', nullable: true })
  approvedBy: number | null;

  @Column(instant({ nullable: true }))
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @Column(instant())
  paidAt: Date;

  @Column(instant())
  createdAt: Date;
}

@Entity({ name: 'payment_allocations' })
@Index('ix_payment_allocations_payment', ['paymentId'])
@Index('ix_payment_allocations_target', ['kind', 'targetId'])
export class PaymentAllocation {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  paymentId: number;

  @Column({ type: 'varchar', length: 16 })
  kind: PayTargetKind;

  /** Bill id, charge id, or the house id of a prepayment top-up. */
  @Column({ type: 'integer' })
  targetId: number;

  @Column({ type: 'integer' })
  amountFen: number;

  @Column({ type: 'varchar', length: 80 })
  title: string;

  /** True once the amount is on the target (a pending offline payment's allocations wait for approval). */
  @Column({ type: 'boolean', width: 1, default: false })
  applied: boolean;

  /** What succeeded refunds took back off the target. */
  @Column({ type: 'integer', default: 0 })
  reversedFen: number;
}

/** Groups the payments of one act; numbered per project and year without gaps. */
@Entity({ name: 'receipts' })
@Index('uq_receipts_number', ['projectId', 'year', 'seq'], { unique: true })
@Index('ix_receipts_house', ['houseId'])
export class Receipt {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 32 })
  number: string;

  @Column({ type: 'integer', nullable: true })
  issuedBy: number | null;

  @Column(instant())
  issuedAt: Date;

  @Column({ type: 'integer', default: 0 })
  printCount: number;
}

/** The last receipt number of a project's year; bumped by a conditional update inside the payment's transaction. */
@Entity({ name: 'receipt_counters' })
@Index('uq_receipt_counters', ['projectId', 'year'], { unique: true })
export class ReceiptCounter {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer', default: 0 })
  lastSeq: number;
}

@Entity({ name: 'refunds' })
@Index('ix_refunds_payment', ['paymentId'])
@Index('ix_refunds_project_status', ['projectId', 'status'])
@Index('uq_refunds_out_refund_no', ['outRefundNo'], { unique: true })
export class Refund {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'integer' })
  paymentId: number;

  @Column({ type: 'varchar', length: 16 })
  method: TenderMethod;

  @Column({ type: 'integer' })
  amountFen: number;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'varchar', length: 16 })
  status: RefundStatus;

  @Column({ type: 'integer' })
  requestedBy: number;

  @Column({ type: 'integer', nullable: true })
  decidedBy: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  decisionReason: string | null;

  @Column(instant({ nullable: true }))
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  outRefundNo: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  wxRefundId: string | null;

  @Column({ type: 'integer', nullable: true })
  completedBy: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  reference: string | null;

  @Column({ type: 'integer', default: 0 })
  queryCount: number;

  @Column(instant({ nullable: true }))
  nextQueryAt: Date | null;

  @Column(instant({ nullable: true }))
  finishedAt: Date | null;

  @Column(instant())
  createdAt: Date;
}

export const PAYMENT_ENTITIES = [PayOrder, Payment, PaymentAllocation, Receipt, ReceiptCounter, Refund];
