import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Announcements (公告): the notice, its buildings (none = the whole project) and one recipient row per resident
 * it was published to (read counts); plus the appointment-reminder claims of the reminders module (one row
 * per ticket × agreed visit time, so several instances send each reminder once).
 */
export class Announcements1764400510000 implements MigrationInterface {
  name = 'Announcements1764400510000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'announcements',
        columns: [
          col.id(),
          col.int('project_id'),
          col.str('template', 16),
          col.str('title', 60),
          col.str('body', 1000),
          col.instant('starts_at'),
          col.instant('ends_at'),
          col.str('status', 16),
          col.int('version', { default: 0 }),
          col.int('created_by'),
          col.int('published_by', { nullable: true }),
          col.int('recipient_count', { default: 0 }),
          col.instant('created_at'),
          col.instant('published_at', { nullable: true }),
          col.instant('withdrawn_at', { nullable: true }),
          col.instant('updated_at'),
        ],
        indices: [new TableIndex({ name: 'ix_announcements_project', columnNames: ['project_id', 'id'] })],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'announcement_buildings',
        columns: [col.id(), col.int('announcement_id'), col.int('building_id')],
        indices: [
          new TableIndex({
            name: 'uq_announcement_buildings',
            columnNames: ['announcement_id', 'building_id'],
            isUnique: true,
          }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'announcement_recipients',
        columns: [col.id(), col.int('announcement_id'), col.int('user_id'), col.instant('read_at', { nullable: true })],
        indices: [
          new TableIndex({
            name: 'uq_announcement_recipients',
            columnNames: ['announcement_id', 'user_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_announcement_recipients_user', columnNames: ['user_id', 'announcement_id'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'visit_reminders',
        columns: [
          col.id(),
          col.int('ticket_id'),
          col.instant('visit_at'),
          col.int('technician_id'),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_visit_reminders', columnNames: ['ticket_id', 'visit_at'], isUnique: true }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('visit_reminders', true);
    await q.dropTable('announcement_recipients', true);
    await q.dropTable('announcement_buildings', true);
    await q.dropTable('announcements', true);
  }
}
