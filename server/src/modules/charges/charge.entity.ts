import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type {
  ChargeConfirmation,
  ChargeConfirmedVia,
  ChargeSource,
  ChargeStatus,
  PaymentMethod,
  QuoteLineKind,
} from '@app/shared';
import { instant } from '../../database/columns';

/** One charge per verified paid ticket, or one per counter sale (docs/domain.md §4). */
@Entity({ name: 'charges' })
@Index('ix_charges_billed_period', ['projectId', 'billedPeriod'])
@Index('ix_charges_cash', ['status', 'cashCollectedBy'])
@Index('ix_charges_counter', ['projectId', 'source', 'paidAt'])
@Index('ix_charges_house', ['houseId'])
@Index('ix_charges_project_status', ['projectId', 'status'])
@Index('uq_charges_source_key', ['sourceKey'], { unique: true })
export class Charge {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  /** Null only for anonymous counter sales. */
  @Column({ type: 'integer', nullable: true })
  houseId: number | null;

  @Column({ type: 'varchar', length: 16 })
  source: ChargeSource;

  /** "ticket:<id>" or "counter:<uuid>"; its unique index is what makes posting idempotent. */
  @Column({ type: 'varchar', length: 64 })
  sourceKey: string;

  @Column({ type: 'integer', nullable: true })
  ticketId: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  ticketSerial: string | null;

  /** The resident's recorded agreement to the price; a ticket charge never exists without it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  agreementRef: string | null;

  @Column({ type: 'integer' })
  totalFen: number;

  @Column({ type: 'varchar', length: 16 })
  paymentMethod: PaymentMethod;

  @Column({ type: 'varchar', length: 16 })
  status: ChargeStatus;

  @Column({ type: 'integer', default: 1 })
  version: number;

  /**
   * 'unconfirmed' when a signature behind the charge was collected on the technician's phone: such a
   * charge is not billable, not collectable in cash and not revenue until the resident confirms it.
   */
  @Column({ type: 'varchar', length: 16, default: 'confirmed' })
  confirmation: ChargeConfirmation;

  @Column({ type: 'varchar', length: 32, nullable: true })
  confirmedVia: ChargeConfirmedVia | null;

  @Column({ type: 'integer', nullable: true })
  confirmedBy: number | null;

  @Column(instant({ nullable: true }))
  confirmedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  confirmationNote: string | null;

  @Column({ type: 'integer', nullable: true })
  cashCollectedBy: number | null;

  @Column(instant({ nullable: true }))
  cashCollectedAt: Date | null;

  @Column(instant({ nullable: true }))
  residentConfirmedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  handoverId: number | null;

  @Column(instant({ nullable: true }))
  handedOverAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  waivedBy: number | null;

  @Column(instant({ nullable: true }))
  waivedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  waiverReason: string | null;

  @Column(instant({ nullable: true }))
  paidAt: Date | null;

  /** Paid so far through payments (docs/payments.md); the charge is 'paid' when it reaches totalFen. */
  @Column({ type: 'integer', default: 0 })
  paidFen: number;

  /** Counter sales only: how the customer paid at the desk (cash / wechat / alipay / pos). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  counterPaidBy: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  /** The bill month this charge was put on (status 'billed'); set by the bill run's claim. */
  @Column({ type: 'varchar', length: 7, nullable: true })
  billedPeriod: string | null;

  @Column({ type: 'integer' })
  createdBy: number;

  @Column(instant())
  createdAt: Date;

  @Column(instant())
  updatedAt: Date;
}

/** A snapshot of one priced line; later schedule versions never change it. */
@Entity({ name: 'charge_lines' })
@Index('ix_charge_lines_charge', ['chargeId'])
export class ChargeLine {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  chargeId: number;

  @Column({ type: 'varchar', length: 16 })
  kind: QuoteLineKind;

  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  unit: string;

  @Column({ type: 'integer' })
  unitPriceFen: number;

  @Column({ type: 'integer' })
  quantityMilli: number;

  @Column({ type: 'integer' })
  amountFen: number;

  @Column({ type: 'integer', nullable: true })
  scheduleVersionId: number | null;

  @Column({ type: 'integer', nullable: true })
  materialsVersionId: number | null;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;
}

/** A cashier's receipt of a technician's cash (交款). */
@Entity({ name: 'cash_handovers' })
@Index('ix_cash_handovers_project', ['projectId', 'at'])
@Index('ix_cash_handovers_technician', ['technicianId', 'at'])
export class CashHandover {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  technicianId: number;

  @Column({ type: 'integer' })
  cashierId: number;

  @Column({ type: 'integer' })
  totalFen: number;

  @Column({ type: 'integer' })
  chargeCount: number;

  @Column(instant())
  at: Date;
}

/** Waived amount per project manager per Asia/Shanghai month; the cap is enforced by a conditional UPDATE. */
@Entity({ name: 'waiver_budgets' })
@Index('uq_waiver_budgets', ['userId', 'month'], { unique: true })
export class WaiverBudget {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'integer', default: 0 })
  usedFen: number;
}
