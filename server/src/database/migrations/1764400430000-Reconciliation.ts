import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Daily WeChat Pay reconciliation (issue 10, docs/reconciliation.md): one run per trade date (a re-run replaces
 * it; the unique date is also the schedule's exactly-once claim) and the discrepancies it found.
 */
export class Reconciliation1764400430000 implements MigrationInterface {
  name = 'Reconciliation1764400430000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'reconciliation_runs',
        columns: [
          col.id(),
          col.str('bill_date', 10),
          col.str('status', 16),
          col.int('remote_count', { default: 0 }),
          col.int('local_count', { default: 0 }),
          col.int('remote_total_fen', { default: 0 }),
          col.int('local_total_fen', { default: 0 }),
          col.int('discrepancy_count', { default: 0 }),
          col.str('error', 300, { nullable: true }),
          col.int('triggered_by', { nullable: true }),
          col.instant('started_at'),
          col.instant('finished_at', { nullable: true }),
        ],
        indices: [new TableIndex({ name: 'uq_reconciliation_runs_date', columnNames: ['bill_date'], isUnique: true })],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'reconciliation_discrepancies',
        columns: [
          col.id(),
          col.int('run_id'),
          col.str('kind', 24),
          col.str('out_trade_no', 64, { nullable: true }),
          col.str('transaction_id', 64, { nullable: true }),
          col.int('local_fen', { nullable: true }),
          col.int('remote_fen', { nullable: true }),
          col.str('note', 200),
        ],
        indices: [new TableIndex({ name: 'ix_reconciliation_discrepancies_run', columnNames: ['run_id'] })],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('reconciliation_discrepancies', true);
    await q.dropTable('reconciliation_runs', true);
  }
}
