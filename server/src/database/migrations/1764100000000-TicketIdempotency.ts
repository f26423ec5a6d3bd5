import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/** Retried ticket submissions (same Idempotency-Key from the same reporter) must not create a second ticket. */
export class TicketIdempotency1764100000000 implements MigrationInterface {
  name = 'TicketIdempotency1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'tickets',
      new TableColumn({ name: 'client_request_id', type: 'varchar', length: '64', isNullable: true }),
    );
    await q.createIndex(
      'tickets',
      new TableIndex({
        name: 'uq_tickets_client_request',
        columnNames: ['reporter_id', 'client_request_id'],
        isUnique: true,
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('tickets', 'uq_tickets_client_request');
    await q.dropColumn('tickets', 'client_request_id');
  }
}
