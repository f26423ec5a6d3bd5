import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BillLineKind, BillRunStatus, BillStatus, BillingItemKind, HouseType, SharedSplit } from '@app/shared';
import { instant } from '../../database/columns';

/** A recurring fee item of a project, effective-dated: a price change ends one row and starts the next. */
@Entity({ name: 'billing_items' })
@Index('ix_billing_items_code', ['projectId', 'code', 'effectiveFrom'])
export class BillingItem {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: BillingItemKind;

  @Column({ type: 'varchar', length: 16, nullable: true })
  houseType: HouseType | null;

  @Column({ type: 'integer' })
  unitPriceFen: number;

  @Column({ type: 'varchar', length: 16 })
  unit: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  sharedSplit: SharedSplit | null;

  @Column({ type: 'varchar', length: 7 })
  effectiveFrom: string;

  @Column({ type: 'varchar', length: 7, nullable: true })
  effectiveTo: string | null;

  @Column({ type: 'integer' })
  createdBy: number;

  @Column(instant())
  createdAt: Date;
}

/** One generation of a project's bills for a month; also the lease and resume point of the run. */
@Entity({ name: 'bill_runs' })
@Index('uq_bill_runs_period', ['projectId', 'period'], { unique: true })
export class BillRun {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'varchar', length: 16 })
  status: BillRunStatus;

  @Column({ type: 'integer', default: 0 })
  housesTotal: number;

  @Column({ type: 'integer', default: 0 })
  housesDone: number;

  /** Every house with id ≤ cursor has its bill; a rerun resumes after it. */
  @Column({ type: 'integer', default: 0 })
  cursorHouseId: number;

  @Column({ type: 'integer' })
  startedBy: number;

  @Column(instant())
  startedAt: Date;

  @Column(instant({ nullable: true }))
  finishedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  checkedBy: number | null;

  @Column(instant({ nullable: true }))
  checkedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  publishedBy: number | null;

  @Column(instant({ nullable: true }))
  publishedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ type: 'text', nullable: true })
  checkJson: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column(instant({ nullable: true }))
  leaseUntil: Date | null;
}

@Entity({ name: 'bills' })
@Index('uq_bills_house_period', ['houseId', 'period', 'revision'], { unique: true })
@Index('ix_bills_project_period', ['projectId', 'period'])
@Index('ix_bills_run', ['runId'])
export class Bill {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'integer' })
  buildingId: number;

  @Column({ type: 'integer' })
  unitId: number;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'integer', default: 0 })
  revision: number;

  @Column({ type: 'integer' })
  runId: number;

  @Column({ type: 'varchar', length: 16 })
  status: BillStatus;

  @Column({ type: 'integer', default: 0 })
  totalFen: number;

  @Column({ type: 'integer', default: 0 })
  paidFen: number;

  /** Sha-256 (hex) of the canonical content; empty until the batch that wrote the bill finished. */
  @Column({ type: 'varchar', length: 64, default: '' })
  contentHash: string;

  @Column(instant({ nullable: true }))
  publishedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  voidReason: string | null;

  @Column({ type: 'integer', nullable: true })
  reissueOfBillId: number | null;

  @Column(instant())
  createdAt: Date;
}

@Entity({ name: 'bill_lines' })
@Index('ix_bill_lines_bill', ['billId'])
@Index('ix_bill_lines_house_period', ['houseId', 'period'])
@Index('uq_bill_lines_billed_charge', ['billedChargeId'], { unique: true })
export class BillLine {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  billId: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'varchar', length: 20 })
  kind: BillLineKind;

  @Column({ type: 'varchar', length: 16, nullable: true })
  itemCode: string | null;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  quantityText: string;

  @Column({ type: 'integer', nullable: true })
  unitPriceFen: number | null;

  @Column({ type: 'integer' })
  amountFen: number;

  @Column({ type: 'integer', nullable: true })
  chargeId: number | null;

  /** = chargeId while the bill is live; cleared when it is voided, so a charge sits on one live bill. */
  @Column({ type: 'integer', nullable: true })
  billedChargeId: number | null;

  @Column({ type: 'integer', nullable: true })
  ticketId: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  ticketSerial: string | null;

  @Column({ type: 'boolean', default: false })
  waived: boolean;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;
}

/** A correction waiting for the house's next bill (or already on it: `appliedPeriod`). */
@Entity({ name: 'bill_adjustments' })
@Index('ix_bill_adjustments_house', ['projectId', 'houseId', 'appliedPeriod'])
export class BillAdjustment {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'integer' })
  amountFen: number;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'integer', nullable: true })
  sourceBillId: number | null;

  @Column({ type: 'varchar', length: 7, nullable: true })
  appliedPeriod: string | null;

  @Column({ type: 'integer' })
  createdBy: number;

  @Column(instant())
  createdAt: Date;
}
