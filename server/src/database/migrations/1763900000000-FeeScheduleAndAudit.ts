import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

export class FeeScheduleAndAudit1763900000000 implements MigrationInterface {
  name = 'FeeScheduleAndAudit1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const idx = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique });
    await q.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          col.id(),
          col.int('actor_id', { nullable: true }),
          col.str('action', 48),
          col.str('entity_type', 32),
          col.int('entity_id'),
          col.int('company_id', { nullable: true }),
          col.int('project_id', { nullable: true }),
          col.text('before_json', { nullable: true }),
          col.text('after_json', { nullable: true }),
          col.str('reason', 200, { nullable: true }),
          col.instant('at'),
        ],
        indices: [
          idx('ix_audit_entity', ['entity_type', 'entity_id']),
          idx('ix_audit_actor', ['actor_id', 'at']),
          idx('ix_audit_project', ['project_id', 'at']),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'company_settings',
        columns: [
          { name: 'company_id', type: 'integer', isPrimary: true },
          col.int('cash_limit_fen', { default: 5000 }),
          col.int('waiver_monthly_cap_fen', { default: 20000 }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'price_list_versions',
        columns: [
          col.id(),
          col.str('kind', 16),
          col.int('company_id'),
          col.int('region_id', { nullable: true }),
          col.int('version_no'),
          col.str('title', 100),
          col.str('status', 16),
          col.instant('effective_from', { nullable: true }),
          col.str('published_key', 80, { nullable: true }),
          col.str('notes', 500, { nullable: true }),
          col.int('created_by'),
          col.int('approved_by', { nullable: true }),
          col.instant('approved_at', { nullable: true }),
          col.int('published_by', { nullable: true }),
          col.instant('published_at', { nullable: true }),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [
          idx('uq_price_list_published', ['published_key'], true),
          idx('uq_price_list_version_no', ['kind', 'company_id', 'version_no'], true),
          idx('ix_price_list_scope', ['kind', 'company_id', 'status', 'effective_from']),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'fee_categories',
        columns: [
          col.id(),
          col.int('version_id'),
          col.str('code', 16),
          col.str('name', 50),
          col.int('sort_order', { default: 0 }),
        ],
        indices: [idx('uq_fee_categories', ['version_id', 'code'], true)],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'fee_items',
        columns: [
          col.id(),
          col.int('version_id'),
          col.str('category_code', 16),
          col.str('code', 16),
          col.str('name', 80),
          col.str('unit', 8),
          col.int('labour_price_fen'),
          col.int('call_out_fee_fen', { nullable: true }),
          col.bool('materials_extra', false),
          col.text('service_standard'),
          col.int('sort_order', { default: 0 }),
        ],
        indices: [idx('uq_fee_items', ['version_id', 'code'], true)],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'material_prices',
        columns: [
          col.id(),
          col.int('version_id'),
          col.str('code', 16),
          col.str('name', 80),
          col.str('spec', 80, { default: '' }),
          col.str('unit', 8),
          col.int('price_fen'),
          col.int('sort_order', { default: 0 }),
        ],
        indices: [idx('uq_material_prices', ['version_id', 'code'], true)],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of [
      'material_prices',
      'fee_items',
      'fee_categories',
      'price_list_versions',
      'company_settings',
      'audit_entries',
    ]) {
      await q.dropTable(name, true);
    }
  }
}
