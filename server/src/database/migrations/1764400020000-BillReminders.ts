import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * 催缴 log (billing module, reports side): one row per house per reminder — which channel (in-app message or
 * printed 催缴通知单), the amount owed when it was sent, by whom and when. Append-only.
 */
export class BillReminders1764400020000 implements MigrationInterface {
  name = 'BillReminders1764400020000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'bill_reminders',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.int('house_id'),
          col.str('channel', 16),
          col.int('owed_fen'),
          col.int('sent_by'),
          col.instant('sent_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_bill_reminders_project', columnNames: ['project_id', 'id'] }),
          new TableIndex({ name: 'ix_bill_reminders_house', columnNames: ['house_id', 'sent_at'] }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('bill_reminders', true);
  }
}
