import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Payments core (issue 10, docs/payments.md): WeChat Pay orders, payments (one tender each) and their
 * allocations, gap-free numbered receipts (a counter row per project and year), refunds; and what a charge
 * has been paid so far (charges.paid_fen), so a charge's settlement is one conditional update like a bill's.
 */
export class Payments1764400400000 implements MigrationInterface {
  name = 'Payments1764400400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'pay_orders',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.int('payer_user_id'),
          col.str('idempotency_key', 64),
          col.str('out_trade_no', 32),
          col.str('status', 16),
          col.int('amount_fen'),
          col.str('description', 127),
          col.text('targets_json'),
          col.int('topup_fen', { default: 0 }),
          col.int('prepay_offer_id', { nullable: true }),
          col.str('prepay_id', 64, { nullable: true }),
          col.str('pay_time_stamp', 16, { nullable: true }),
          col.str('pay_nonce', 32, { nullable: true }),
          col.instant('expires_at'),
          col.instant('paid_at', { nullable: true }),
          col.str('transaction_id', 32, { nullable: true }),
          col.int('payment_id', { nullable: true }),
          col.int('receipt_id', { nullable: true }),
          col.int('query_count', { default: 0 }),
          col.instant('next_query_at', { nullable: true }),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_pay_orders_key',
            columnNames: ['payer_user_id', 'idempotency_key'],
            isUnique: true,
          }),
          new TableIndex({ name: 'uq_pay_orders_out_trade_no', columnNames: ['out_trade_no'], isUnique: true }),
          new TableIndex({ name: 'ix_pay_orders_due', columnNames: ['status', 'next_query_at'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'receipts',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.int('year'),
          col.int('seq'),
          col.str('number', 32),
          col.int('issued_by', { nullable: true }),
          col.instant('issued_at'),
          col.int('print_count', { default: 0 }),
        ],
        indices: [
          new TableIndex({ name: 'uq_receipts_number', columnNames: ['project_id', 'year', 'seq'], isUnique: true }),
          new TableIndex({ name: 'ix_receipts_house', columnNames: ['house_id'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'receipt_counters',
        columns: [col.id(), col.int('project_id'), col.int('year'), col.int('last_seq', { default: 0 })],
        indices: [new TableIndex({ name: 'uq_receipt_counters', columnNames: ['project_id', 'year'], isUnique: true })],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'payments',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.int('receipt_id', { nullable: true }),
          col.int('pay_order_id', { nullable: true }),
          col.str('method', 16),
          col.str('status', 16),
          col.int('amount_fen'),
          col.int('refunded_fen', { default: 0 }),
          col.str('reference', 64, { nullable: true }),
          col.int('collected_by', { nullable: true }),
          col.int('approved_by', { nullable: true }),
          col.instant('decided_at', { nullable: true }),
          col.str('reject_reason', 200, { nullable: true }),
          col.instant('paid_at'),
          col.instant('created_at'),
        ],
        indices: [
          // One payment per WeChat order, whatever replays or races deliver: the exactly-once backstop (R5).
          new TableIndex({ name: 'uq_payments_pay_order', columnNames: ['pay_order_id'], isUnique: true }),
          new TableIndex({ name: 'ix_payments_project_paid', columnNames: ['project_id', 'paid_at'] }),
          new TableIndex({ name: 'ix_payments_house', columnNames: ['house_id'] }),
          new TableIndex({ name: 'ix_payments_receipt', columnNames: ['receipt_id'] }),
          new TableIndex({ name: 'ix_payments_status', columnNames: ['project_id', 'status'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'payment_allocations',
        columns: [
          col.id(),
          col.int('payment_id'),
          col.str('kind', 16),
          col.int('target_id'),
          col.int('amount_fen'),
          col.str('title', 80),
          col.bool('applied', false),
          col.int('reversed_fen', { default: 0 }),
        ],
        indices: [
          new TableIndex({ name: 'ix_payment_allocations_payment', columnNames: ['payment_id'] }),
          new TableIndex({ name: 'ix_payment_allocations_target', columnNames: ['kind', 'target_id'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'refunds',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.int('payment_id'),
          col.str('method', 16),
          col.int('amount_fen'),
          col.str('reason', 200),
          col.str('status', 16),
          col.int('requested_by'),
          col.int('decided_by', { nullable: true }),
          col.str('decision_reason', 200, { nullable: true }),
          col.instant('decided_at', { nullable: true }),
          col.str('out_refund_no', 64, { nullable: true }),
          col.str('wx_refund_id', 64, { nullable: true }),
          col.int('completed_by', { nullable: true }),
          col.str('reference', 64, { nullable: true }),
          col.int('query_count', { default: 0 }),
          col.instant('next_query_at', { nullable: true }),
          col.instant('finished_at', { nullable: true }),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_refunds_payment', columnNames: ['payment_id'] }),
          new TableIndex({ name: 'ix_refunds_project_status', columnNames: ['project_id', 'status'] }),
          new TableIndex({ name: 'uq_refunds_out_refund_no', columnNames: ['out_refund_no'], isUnique: true }),
        ],
      }),
      true,
    );
    await q.addColumn('charges', new TableColumn(col.int('paid_fen', { default: 0 })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('charges', 'paid_fen');
    await q.dropTable('refunds', true);
    await q.dropTable('payment_allocations', true);
    await q.dropTable('payments', true);
    await q.dropTable('receipt_counters', true);
    await q.dropTable('receipts', true);
    await q.dropTable('pay_orders', true);
  }
}
