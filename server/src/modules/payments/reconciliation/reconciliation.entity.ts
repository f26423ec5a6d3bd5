import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DiscrepancyKind } from '@app/shared';
import { instant } from '../../../database/columns';

export type ReconciliationStatus = 'running' | 'done' | 'failed';

/** One row per trade date: a re-run claims and replaces it (docs/reconciliation.md). */
@Entity({ name: 'reconciliation_runs' })
@Index('uq_reconciliation_runs_date', ['billDate'], { unique: true })
export class ReconciliationRun {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** YYYY-MM-DD, Asia/Shanghai. */
  @Column({ type: 'varchar', length: 10 })
  billDate: string;

  @Column({ type: 'varchar', length: 16 })
  status: ReconciliationStatus;

  @Column({ type: 'integer', default: 0 })
  remoteCount: number;

  @Column({ type: 'integer', default: 0 })
  localCount: number;

  @Column({ type: 'integer', default: 0 })
  remoteTotalFen: number;

  @Column({ type: 'integer', default: 0 })
  localTotalFen: number;

  @Column({ type: 'integer', default: 0 })
  discrepancyCount: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  error: string | null;

  /** Who asked; null for the daily schedule. */
  @Column({ type: 'integer', nullable: true })
  triggeredBy: number | null;

  /** When the current (latest) attempt started: also the staleness clock of a claim. */
  @Column(instant())
  startedAt: Date;

  @Column(instant({ nullable: true }))
  finishedAt: Date | null;
}

@Entity({ name: 'reconciliation_discrepancies' })
@Index('ix_reconciliation_discrepancies_run', ['runId'])
export class ReconciliationDiscrepancy {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  runId: number;

  @Column({ type: 'varchar', length: 24 })
  kind: DiscrepancyKind;

  @Column({ type: 'varchar', length: 64, nullable: true })
  outTradeNo: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  transactionId: string | null;

  @Column({ type: 'integer', nullable: true })
  localFen: number | null;

  @Column({ type: 'integer', nullable: true })
  remoteFen: number | null;

  @Column({ type: 'varchar', length: 200 })
  note: string;
}

export const RECONCILIATION_ENTITIES = [ReconciliationRun, ReconciliationDiscrepancy];
