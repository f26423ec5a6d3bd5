import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

export class Charges1763900001000 implements MigrationInterface {
  name = 'Charges1763900001000';

  async up(q: QueryRunner): Promise<void> {
    const idx = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique });
    await q.createTable(
      new Table({
        name: 'charges',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id', { nullable: true }),
          col.str('source', 16),
          col.str('source_key', 64),
          col.int('ticket_id', { nullable: true }),
          col.str('ticket_serial', 32, { nullable: true }),
          col.str('agreement_ref', 64, { nullable: true }),
          col.int('total_fen'),
          col.str('payment_method', 16),
          col.str('status', 16),
          col.int('version', { default: 1 }),
          col.int('cash_collected_by', { nullable: true }),
          col.instant('cash_collected_at', { nullable: true }),
          col.instant('resident_confirmed_at', { nullable: true }),
          col.int('handover_id', { nullable: true }),
          col.instant('handed_over_at', { nullable: true }),
          col.int('waived_by', { nullable: true }),
          col.instant('waived_at', { nullable: true }),
          col.str('waiver_reason', 200, { nullable: true }),
          col.instant('paid_at', { nullable: true }),
          col.str('counter_paid_by', 16, { nullable: true }),
          col.str('note', 200, { nullable: true }),
          col.int('created_by'),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [
          idx('uq_charges_source_key', ['source_key'], true),
          idx('ix_charges_project_status', ['project_id', 'status']),
          idx('ix_charges_house', ['house_id']),
          idx('ix_charges_cash', ['status', 'cash_collected_by']),
          idx('ix_charges_counter', ['project_id', 'source', 'paid_at']),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'charge_lines',
        columns: [
          col.id(),
          col.int('charge_id'),
          col.str('kind', 16),
          col.str('code', 16),
          col.str('name', 80),
          col.str('unit', 8),
          col.int('unit_price_fen'),
          col.int('quantity_milli'),
          col.int('amount_fen'),
          col.int('schedule_version_id', { nullable: true }),
          col.int('materials_version_id', { nullable: true }),
          col.int('sort_order', { default: 0 }),
        ],
        indices: [idx('ix_charge_lines_charge', ['charge_id'])],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'cash_handovers',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('technician_id'),
          col.int('cashier_id'),
          col.int('total_fen'),
          col.int('charge_count'),
          col.instant('at'),
        ],
        indices: [
          idx('ix_cash_handovers_project', ['project_id', 'at']),
          idx('ix_cash_handovers_technician', ['technician_id', 'at']),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'waiver_budgets',
        columns: [col.id(), col.int('user_id'), col.str('month', 7), col.int('used_fen', { default: 0 })],
        indices: [idx('uq_waiver_budgets', ['user_id', 'month'], true)],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['waiver_budgets', 'cash_handovers', 'charge_lines', 'charges']) {
      await q.dropTable(name, true);
    }
  }
}
