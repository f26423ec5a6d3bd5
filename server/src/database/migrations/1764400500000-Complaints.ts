import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/** 投诉 (complaints, their events, deadline policies and alert claims) and 催单 (ticket_urges). */
export class Complaints1764400500000 implements MigrationInterface {
  name = 'Complaints1764400500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'complaints',
        columns: [
          col.id(),
          col.int('project_id'),
          col.int('house_id', { nullable: true }),
          col.int('building_id', { nullable: true }),
          col.int('ticket_id', { nullable: true }),
          col.int('complainant_id', { nullable: true }),
          col.str('contact_name', 64, { nullable: true }),
          col.str('contact_phone', 20, { nullable: true }),
          col.str('category', 24),
          col.text('description'),
          col.str('channel', 16),
          col.str('status', 16),
          col.int('version', { default: 0 }),
          col.int('investigator_id', { nullable: true }),
          col.instant('contact_due_at'),
          col.instant('contacted_at', { nullable: true }),
          col.instant('resolve_due_at'),
          col.instant('resolved_at', { nullable: true }),
          col.instant('closed_at', { nullable: true }),
          col.text('resolution', { nullable: true }),
          col.int('responsible_user_id', { nullable: true }),
          col.str('cause', 24, { nullable: true }),
          col.int('dispute_count', { default: 0 }),
          col.bool('escalated', false),
          col.bool('contact_breached', false),
          col.bool('resolve_breached', false),
          col.int('created_by'),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_complaints_project', columnNames: ['project_id', 'status'] }),
          new TableIndex({ name: 'ix_complaints_complainant', columnNames: ['complainant_id'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'complaint_events',
        columns: [
          col.id(),
          col.int('complaint_id'),
          col.int('actor_id', { nullable: true }),
          col.str('action', 16),
          col.str('from_status', 16, { nullable: true }),
          col.str('to_status', 16, { nullable: true }),
          col.text('note', { nullable: true }),
          col.str('media_ids', 200, { nullable: true }),
          col.bool('internal', false),
          col.instant('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_complaint_events', columnNames: ['complaint_id', 'id'] })],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'complaint_policies',
        columns: [
          col.id(),
          col.int('project_id'),
          col.int('contact_minutes'),
          col.int('resolve_minutes'),
          col.instant('updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_complaint_policies', columnNames: ['project_id'], isUnique: true })],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'complaint_alerts',
        columns: [
          col.id(),
          col.int('complaint_id'),
          col.str('deadline', 16),
          col.str('stage', 16),
          col.str('recipients', 200),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_complaint_alerts',
            columnNames: ['complaint_id', 'deadline', 'stage'],
            isUnique: true,
          }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'ticket_urges',
        columns: [
          col.id(),
          col.int('ticket_id'),
          col.int('project_id'),
          col.int('urge_count', { default: 0 }),
          col.int('last_user_id', { nullable: true }),
          col.instant('last_urged_at', { nullable: true }),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_ticket_urges', columnNames: ['ticket_id'], isUnique: true }),
          new TableIndex({ name: 'ix_ticket_urges_project', columnNames: ['project_id', 'last_urged_at'] }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('ticket_urges', true);
    await q.dropTable('complaint_alerts', true);
    await q.dropTable('complaint_policies', true);
    await q.dropTable('complaint_events', true);
    await q.dropTable('complaints', true);
  }
}
