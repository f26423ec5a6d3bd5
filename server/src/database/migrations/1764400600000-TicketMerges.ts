import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Duplicate reports (docs/domain.md "合并重复报修"): a merged ticket points at the ticket it was merged into
 * (`tickets.merged_into_id`, set together with its cancellation), and the target lists the merged reporters as
 * followers who hear its progress messages — one row per merged ticket.
 */
export class TicketMerges1764400600000 implements MigrationInterface {
  name = 'TicketMerges1764400600000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('tickets', new TableColumn(col.int('merged_into_id', { nullable: true })));
    await q.createIndex('tickets', new TableIndex({ name: 'ix_tickets_merged_into', columnNames: ['merged_into_id'] }));
    await q.createTable(
      new Table({
        name: 'ticket_followers',
        columns: [
          col.id(),
          col.int('ticket_id'),
          col.int('user_id'),
          col.int('merged_ticket_id'),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_ticket_followers_merged', columnNames: ['merged_ticket_id'], isUnique: true }),
          new TableIndex({ name: 'ix_ticket_followers_ticket', columnNames: ['ticket_id', 'user_id'] }),
          new TableIndex({ name: 'ix_ticket_followers_user', columnNames: ['user_id', 'ticket_id'] }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('ticket_followers', true);
    await q.dropIndex('tickets', 'ix_tickets_merged_into');
    await q.dropColumn('tickets', 'merged_into_id');
  }
}
