import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * `inbox_messages.object_id`: what a message that is not about a ticket is about, named by its kind's prefix
 * (`complaint.*` → the complaint, `announcement` → the notice), so tapping the message opens that object.
 * Existing rows keep NULL and open what they opened before.
 */
export class InboxObjectId1764400630000 implements MigrationInterface {
  name = 'InboxObjectId1764400630000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('inbox_messages', new TableColumn(col.int('object_id', { nullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('inbox_messages', 'object_id');
  }
}
