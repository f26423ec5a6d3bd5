import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Prepayment accounts (预存, docs/prepay-invoices.md): one account per house whose balance is only ever
 * changed by conditional UPDATEs, an append-only ledger (each row carries the balance after it; `ref` is
 * unique so a replayed credit or settlement writes nothing), and prepay offers per project.
 */
export class Prepay1764400410000 implements MigrationInterface {
  name = 'Prepay1764400410000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'prepay_accounts',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.int('balance_fen', { default: 0 }),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_prepay_accounts_house', columnNames: ['house_id'], isUnique: true }),
          new TableIndex({ name: 'ix_prepay_accounts_project', columnNames: ['project_id', 'balance_fen'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'prepay_ledger',
        columns: [
          col.id(),
          col.int('account_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.str('kind', 16),
          col.int('amount_fen'),
          col.int('balance_after_fen'),
          col.int('bill_id', { nullable: true }),
          col.int('payment_id', { nullable: true }),
          col.int('offer_id', { nullable: true }),
          col.str('ref', 80),
          col.str('note', 200),
          col.int('created_by', { nullable: true }),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_prepay_ledger_ref', columnNames: ['ref'], isUnique: true }),
          new TableIndex({ name: 'ix_prepay_ledger_account', columnNames: ['account_id', 'id'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'prepay_offers',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.str('name', 40),
          col.int('pay_months'),
          col.int('free_months'),
          col.str('valid_from', 10),
          col.str('valid_to', 10, { nullable: true }),
          col.bool('active', true),
          col.int('updated_by'),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [new TableIndex({ name: 'ix_prepay_offers_project', columnNames: ['project_id'] })],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('prepay_offers', true);
    await q.dropTable('prepay_ledger', true);
    await q.dropTable('prepay_accounts', true);
  }
}
