import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

export class Media1764000001000 implements MigrationInterface {
  name = 'Media1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'media',
        columns: [
          col.id(),
          col.int('owner_id'),
          col.str('client_upload_id', 64),
          col.str('kind', 16),
          col.str('storage_key', 128),
          col.str('thumb_key', 128),
          col.str('content_type', 32),
          col.int('width'),
          col.int('height'),
          col.int('bytes'),
          col.str('sha256', 64),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_media_owner_upload',
            columnNames: ['owner_id', 'client_upload_id'],
            isUnique: true,
          }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('media', true);
  }
}
