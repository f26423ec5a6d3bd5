import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

const SHIPPING_COLUMNS = [
  col.str('shipping_status', 16, { nullable: true }),
  col.int('shipping_attempts', { default: 0 }),
  col.instant('shipping_next_at', { nullable: true }),
  col.int('shipping_errcode', { nullable: true }),
  col.str('shipping_errmsg', 200, { nullable: true }),
  col.instant('shipping_uploaded_at', { nullable: true }),
];

/**
 * Issue 10's two open ends (docs/payments.md "Shipping info", docs/cashier.md "撤销").
 * `pay_orders.shipping_*`: the 发货信息管理 upload of a paid JSAPI order — pending / uploaded / failed /
 * not_required, retried by the payment sweep (claimed by attempts + next time, so one instance uploads).
 * `micropay_reversals`: every 付款码 order the desk reversed (or tried to), one row per out_trade_no.
 */
export class ShippingAndReversals1764400700000 implements MigrationInterface {
  name = 'ShippingAndReversals1764400700000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns(
      'pay_orders',
      SHIPPING_COLUMNS.map((c) => new TableColumn(c)),
    );
    await q.createIndex(
      'pay_orders',
      new TableIndex({ name: 'ix_pay_orders_shipping_due', columnNames: ['shipping_status', 'shipping_next_at'] }),
    );
    await q.createTable(
      new Table({
        name: 'micropay_reversals',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.int('collected_by'),
          col.str('out_trade_no', 32),
          col.int('amount_fen'),
          col.str('reason', 16),
          col.str('status', 16),
          col.int('attempts', { default: 0 }),
          col.str('last_code', 32, { nullable: true }),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_micropay_reversals_no', columnNames: ['out_trade_no'], isUnique: true }),
          new TableIndex({ name: 'ix_micropay_reversals_project', columnNames: ['project_id', 'created_at'] }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('micropay_reversals', true);
    await q.dropIndex('pay_orders', 'ix_pay_orders_shipping_due');
    for (const c of [...SHIPPING_COLUMNS].reverse()) await q.dropColumn('pay_orders', c.name);
  }
}
