import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * The inputs of a bill run (issue 9, docs/billing.md): meter readings, per-house quantities, 公摊 month
 * totals, vacancy applications and the per-project late-fee policy. All owned by the billing module.
 */
export class BillingInputs1764400010000 implements MigrationInterface {
  name = 'BillingInputs1764400010000';

  async up(q: QueryRunner): Promise<void> {
    const idx = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique });
    await q.createTable(
      new Table({
        name: 'meter_readings',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.str('item_code', 16),
          col.str('period', 7),
          col.int('reading_milli'),
          col.int('previous_milli'),
          col.int('consumption_milli'),
          col.bool('meter_changed', false),
          col.int('entered_by'),
          col.instant('entered_at'),
        ],
        indices: [
          idx('uq_meter_readings', ['house_id', 'item_code', 'period'], true),
          idx('ix_meter_readings_project', ['project_id', 'period', 'item_code']),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'billing_house_quantities',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.str('item_code', 16),
          col.int('quantity_milli'),
          col.int('updated_by'),
          col.instant('updated_at'),
        ],
        indices: [
          idx('uq_billing_house_quantities', ['house_id', 'item_code'], true),
          idx('ix_billing_house_quantities_project', ['project_id', 'item_code']),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'billing_shared_amounts',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.str('item_code', 16),
          col.str('period', 7),
          col.int('amount_fen'),
          col.int('updated_by'),
          col.instant('updated_at'),
        ],
        indices: [idx('uq_billing_shared_amounts', ['project_id', 'item_code', 'period'], true)],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'vacancy_applications',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.str('from_period', 7),
          col.str('to_period', 7),
          col.int('discount_percent'),
          col.str('reason', 200),
          col.str('status', 16),
          col.int('applied_by'),
          col.instant('applied_at'),
          col.int('decided_by', { nullable: true }),
          col.instant('decided_at', { nullable: true }),
          col.str('decision_note', 200, { nullable: true }),
        ],
        indices: [
          idx('ix_vacancy_applications_project', ['project_id', 'status']),
          idx('ix_vacancy_applications_house', ['house_id', 'status']),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'late_fee_policies',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.bool('enabled', false),
          col.str('enabled_from', 7, { nullable: true }),
          col.int('grace_days'),
          col.int('daily_rate_per100k'),
          col.int('cap_percent'),
          col.int('vacancy_discount_percent', { default: 0 }),
          col.int('updated_by'),
          col.instant('updated_at'),
        ],
        indices: [idx('uq_late_fee_policies_project', ['project_id'], true)],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of [
      'late_fee_policies',
      'vacancy_applications',
      'billing_shared_amounts',
      'billing_house_quantities',
      'meter_readings',
    ]) {
      await q.dropTable(name, true);
    }
  }
}
