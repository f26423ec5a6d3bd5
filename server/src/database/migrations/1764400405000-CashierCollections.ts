import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * The cashier desk's idempotency keys (payments module, cashier side; docs/payments.md "Cashier desk"): one row
 * per collection a cashier submitted, claimed by a unique (collected_by, idempotency_key) before anything is
 * written, so the same submit twice — a retry after a lost answer, a double click — yields one receipt.
 * `micropay_out_trade_no` is the 付款码 order of that collection, the same on every retry (never charged twice).
 */
export class CashierCollections1764400405000 implements MigrationInterface {
  name = 'CashierCollections1764400405000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'cashier_collections',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.int('collected_by'),
          col.str('idempotency_key', 64),
          col.int('receipt_id', { nullable: true }),
          col.str('micropay_out_trade_no', 32, { nullable: true }),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_cashier_collections_key',
            columnNames: ['collected_by', 'idempotency_key'],
            isUnique: true,
          }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('cashier_collections', true);
  }
}
