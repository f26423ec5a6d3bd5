import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Invoice requests (电子发票, docs/prepay-invoices.md): residents' saved titles, the requests finance issues
 * or rejects, and which payments each request covers. `invoice_request_payments.claim` is 'live' while the
 * request is open or issued and `rejected:<id>` after a rejection, so (payment_id, claim) unique lets a
 * payment be on at most one live request — two racing requests for the same payment cannot both win.
 */
export class Invoices1764400420000 implements MigrationInterface {
  name = 'Invoices1764400420000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'invoice_titles',
        columns: [
          col.id(),
          col.int('user_id'),
          col.str('kind', 16),
          col.str('name', 100),
          col.str('tax_id', 20, { nullable: true }),
          col.str('email', 100, { nullable: true }),
          col.bool('is_default', false),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [new TableIndex({ name: 'ix_invoice_titles_user', columnNames: ['user_id'] })],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'invoice_requests',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.int('user_id'),
          col.str('title_kind', 16),
          col.str('title_name', 100),
          col.str('title_tax_id', 20, { nullable: true }),
          col.str('title_email', 100, { nullable: true }),
          col.int('amount_fen'),
          col.str('status', 16),
          col.str('invoice_no', 40, { nullable: true }),
          col.int('pdf_media_id', { nullable: true }),
          col.str('reject_reason', 200, { nullable: true }),
          col.int('decided_by', { nullable: true }),
          col.instant('created_at'),
          col.instant('decided_at', { nullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'ix_invoice_requests_project', columnNames: ['project_id', 'status', 'id'] }),
          new TableIndex({ name: 'ix_invoice_requests_user', columnNames: ['user_id', 'id'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'invoice_request_payments',
        columns: [col.id(), col.int('request_id'), col.int('payment_id'), col.int('amount_fen'), col.str('claim', 32)],
        indices: [
          new TableIndex({
            name: 'uq_invoice_request_payments_claim',
            columnNames: ['payment_id', 'claim'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_invoice_request_payments_request', columnNames: ['request_id'] }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('invoice_request_payments', true);
    await q.dropTable('invoice_requests', true);
    await q.dropTable('invoice_titles', true);
  }
}
