import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Monthly bills (issue 9, docs/billing.md): effective-dated fee items, runs (lease + resume cursor),
 * bills (one live revision per house and month), their lines, pending adjustments, and the month a
 * paid-service charge was billed in (charges.billed_period, claimed by the run in the same transaction).
 */
export class Billing1764400000000 implements MigrationInterface {
  name = 'Billing1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'billing_items',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.str('code', 16),
          col.str('name', 40),
          col.str('kind', 16),
          col.str('house_type', 16, { nullable: true }),
          col.int('unit_price_fen'),
          col.str('unit', 16),
          col.str('shared_split', 8, { nullable: true }),
          col.str('effective_from', 7),
          col.str('effective_to', 7, { nullable: true }),
          col.int('created_by'),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_billing_items_code', columnNames: ['project_id', 'code', 'effective_from'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'bill_runs',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.str('period', 7),
          col.str('status', 16),
          col.int('houses_total', { default: 0 }),
          col.int('houses_done', { default: 0 }),
          col.int('cursor_house_id', { default: 0 }),
          col.int('started_by'),
          col.instant('started_at'),
          col.instant('finished_at', { nullable: true }),
          col.int('checked_by', { nullable: true }),
          col.instant('checked_at', { nullable: true }),
          col.int('published_by', { nullable: true }),
          col.instant('published_at', { nullable: true }),
          col.str('error', 500, { nullable: true }),
          col.text('check_json', { nullable: true }),
          col.str('lease_owner', 64, { nullable: true }),
          col.instant('lease_until', { nullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'uq_bill_runs_period', columnNames: ['project_id', 'period'], isUnique: true }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'bills',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.int('building_id'),
          col.int('unit_id'),
          col.str('period', 7),
          col.int('revision', { default: 0 }),
          col.int('run_id'),
          col.str('status', 16),
          col.int('total_fen', { default: 0 }),
          col.int('paid_fen', { default: 0 }),
          col.str('content_hash', 64, { default: '' }),
          col.instant('published_at', { nullable: true }),
          col.str('void_reason', 200, { nullable: true }),
          col.int('reissue_of_bill_id', { nullable: true }),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_bills_house_period',
            columnNames: ['house_id', 'period', 'revision'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_bills_project_period', columnNames: ['project_id', 'period'] }),
          new TableIndex({ name: 'ix_bills_run', columnNames: ['run_id'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'bill_lines',
        columns: [
          col.id(),
          col.int('bill_id'),
          col.int('house_id'),
          col.str('period', 7),
          col.str('kind', 20),
          col.str('item_code', 16, { nullable: true }),
          col.str('name', 80),
          col.str('quantity_text', 40),
          col.int('unit_price_fen', { nullable: true }),
          col.int('amount_fen'),
          col.int('charge_id', { nullable: true }),
          col.int('billed_charge_id', { nullable: true }),
          col.int('ticket_id', { nullable: true }),
          col.str('ticket_serial', 32, { nullable: true }),
          col.bool('waived', false),
          col.int('sort_order', { default: 0 }),
        ],
        indices: [
          new TableIndex({ name: 'ix_bill_lines_bill', columnNames: ['bill_id'] }),
          new TableIndex({ name: 'ix_bill_lines_house_period', columnNames: ['house_id', 'period'] }),
          new TableIndex({ name: 'uq_bill_lines_billed_charge', columnNames: ['billed_charge_id'], isUnique: true }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'bill_adjustments',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.int('amount_fen'),
          col.str('reason', 200),
          col.int('source_bill_id', { nullable: true }),
          col.str('applied_period', 7, { nullable: true }),
          col.int('created_by'),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'ix_bill_adjustments_house',
            columnNames: ['project_id', 'house_id', 'applied_period'],
          }),
        ],
      }),
      true,
    );
    await q.addColumn('charges', new TableColumn(col.str('billed_period', 7, { nullable: true })));
    await q.createIndex(
      'charges',
      new TableIndex({ name: 'ix_charges_billed_period', columnNames: ['project_id', 'billed_period'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('charges', 'ix_charges_billed_period');
    await q.dropColumn('charges', 'billed_period');
    await q.dropTable('bill_adjustments', true);
    await q.dropTable('bill_lines', true);
    await q.dropTable('bills', true);
    await q.dropTable('bill_runs', true);
    await q.dropTable('billing_items', true);
  }
}
