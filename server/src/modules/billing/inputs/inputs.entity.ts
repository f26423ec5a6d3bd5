import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { VacancyStatus } from '@app/shared';
import { instant } from '../../../database/columns';

/** One meter value of a house for one month; consumption is fixed when entered (docs/billing.md "Meter readings"). */
@Entity({ name: 'meter_readings' })
@Index('uq_meter_readings', ['houseId', 'itemCode', 'period'], { unique: true })
@Index('ix_meter_readings_project', ['projectId', 'period', 'itemCode'])
export class MeterReading {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'varchar', length: 16 })
  itemCode: string;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'integer' })
  readingMilli: number;

  @Column({ type: 'integer' })
  previousMilli: number;

  @Column({ type: 'integer' })
  consumptionMilli: number;

  @Column({ type: 'boolean', width: 1, default: false })
  meterChanged: boolean;

  @Column({ type: 'integer' })
  enteredBy: number;

  @Column(instant())
  enteredAt: Date;
}

/** How many units of a per-space item a house has (e.g. 2 parking spaces); no row = none. */
@Entity({ name: 'billing_house_quantities' })
@Index('uq_billing_house_quantities', ['houseId', 'itemCode'], { unique: true })
@Index('ix_billing_house_quantities_project', ['projectId', 'itemCode'])
export class BillingHouseQuantity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'varchar', length: 16 })
  itemCode: string;

  @Column({ type: 'integer' })
  quantityMilli: number;

  @Column({ type: 'integer' })
  updatedBy: number;

  @Column(instant())
  updatedAt: Date;
}

/** The month's total of a 公摊 item, split over the project's houses by the run. */
@Entity({ name: 'billing_shared_amounts' })
@Index('uq_billing_shared_amounts', ['projectId', 'itemCode', 'period'], { unique: true })
export class BillingSharedAmount {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'varchar', length: 16 })
  itemCode: string;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'integer' })
  amountFen: number;

  @Column({ type: 'integer' })
  updatedBy: number;

  @Column(instant())
  updatedAt: Date;
}

/** 空置房 application; the discount percent is the project's at the time of applying. */
@Entity({ name: 'vacancy_applications' })
@Index('ix_vacancy_applications_project', ['projectId', 'status'])
@Index('ix_vacancy_applications_house', ['houseId', 'status'])
export class VacancyApplication {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'varchar', length: 7 })
  fromPeriod: string;

  @Column({ type: 'varchar', length: 7 })
  toPeriod: string;

  @Column({ type: 'integer' })
  discountPercent: number;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'varchar', length: 16 })
  status: VacancyStatus;

  @Column({ type: 'integer' })
  appliedBy: number;

  @Column(instant())
  appliedAt: Date;

  @Column({ type: 'integer', nullable: true })
  decidedBy: number | null;

  @Column(instant({ nullable: true }))
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  decisionNote: string | null;
}

/** A project's late-fee settings; no row = the defaults (off). */
@Entity({ name: 'late_fee_policies' })
@Index('uq_late_fee_policies_project', ['projectId'], { unique: true })
export class LateFeePolicy {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'boolean', width: 1, default: false })
  enabled: boolean;

  /** The month the fee was last switched on: days before its first day never accrue (docs/billing.md). */
  @Column({ type: 'varchar', length: 7, nullable: true })
  enabledFrom: string | null;

  @Column({ type: 'integer' })
  graceDays: number;

  @Column({ type: 'integer' })
  dailyRatePer100k: number;

  @Column({ type: 'integer' })
  capPercent: number;

  @Column({ type: 'integer', default: 0 })
  vacancyDiscountPercent: number;

  @Column({ type: 'integer' })
  updatedBy: number;

  @Column(instant())
  updatedAt: Date;
}

export const INPUT_ENTITIES = [
  MeterReading,
  BillingHouseQuantity,
  BillingSharedAmount,
  VacancyApplication,
  LateFeePolicy,
];
