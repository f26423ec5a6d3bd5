import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

export class Tickets1764000000000 implements MigrationInterface {
  name = 'Tickets1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const idx = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique });
    const instants = [
      'registered_at',
      'dispatched_at',
      'accepted_at',
      'on_site_at',
      'done_at',
      'verified_at',
      'visited_at',
      'closed_at',
      'cancelled_at',
    ];
    await q.createTable(
      new Table({
        name: 'tickets',
        columns: [
          col.id(),
          col.int('project_id'),
          col.int('house_id', { nullable: true }),
          col.int('building_id', { nullable: true }),
          col.str('serial', 40),
          col.str('kind', 16),
          col.str('scope', 8, { nullable: true }),
          col.bool('paid', false),
          col.str('category', 32),
          col.str('fee_item_code', 16, { nullable: true }),
          col.str('urgency', 16),
          col.text('description'),
          col.str('channel', 16),
          col.str('status', 16),
          col.int('version', { default: 0 }),
          col.bool('on_hold', false),
          col.str('hold_reason', 200, { nullable: true }),
          col.int('technician_id', { nullable: true }),
          col.str('dispatch_mode', 8),
          col.bool('pool_open', false),
          col.instant('pool_deadline', { nullable: true }),
          col.bool('needs_supervisor', false),
          col.instant('visit_at', { nullable: true }),
          col.int('rework_count', { default: 0 }),
          col.bool('escalated', false),
          col.instant('price_explained_at', { nullable: true }),
          col.instant('preferred_start', { nullable: true }),
          col.instant('preferred_end', { nullable: true }),
          col.str('contact_name', 64, { nullable: true }),
          col.str('contact_phone', 20, { nullable: true }),
          col.int('reporter_id'),
          col.int('created_by'),
          col.int('agreed_quote_id', { nullable: true }),
          col.int('agreed_total_fen', { nullable: true }),
          col.int('agreement_signature_id', { nullable: true }),
          col.int('final_quote_id', { nullable: true }),
          col.int('rating_overall', { nullable: true }),
          col.int('rating_punctuality', { nullable: true }),
          col.int('rating_attitude', { nullable: true }),
          col.str('rating_comment', 500, { nullable: true }),
          col.text('reply', { nullable: true }),
          col.str('result', 500, { nullable: true }),
          col.str('cancel_reason', 200, { nullable: true }),
          col.int('charge_id', { nullable: true }),
          ...instants.map((name) => col.instant(name, { nullable: true })),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [
          idx('uq_tickets_serial', ['project_id', 'serial'], true),
          idx('ix_tickets_project_status', ['project_id', 'status']),
          idx('ix_tickets_technician', ['technician_id', 'status']),
          idx('ix_tickets_house', ['house_id', 'created_at']),
          idx('ix_tickets_pool', ['pool_open', 'pool_deadline']),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'ticket_events',
        columns: [
          col.id(),
          col.int('ticket_id'),
          col.int('actor_id', { nullable: true }),
          col.str('actor_role', 24),
          col.str('action', 24),
          col.str('from_status', 16, { nullable: true }),
          col.str('to_status', 16, { nullable: true }),
          col.str('reason', 500, { nullable: true }),
          col.text('data_json', { nullable: true }),
          col.instant('at'),
        ],
        indices: [idx('ix_ticket_events_ticket', ['ticket_id', 'id'])],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'ticket_media',
        columns: [col.id(), col.int('ticket_id'), col.int('media_id'), col.str('stage', 16)],
        indices: [idx('uq_ticket_media', ['ticket_id', 'media_id'], true)],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'ticket_quotes',
        columns: [
          col.id(),
          col.int('ticket_id'),
          col.int('seq'),
          col.str('status', 16),
          col.text('lines_json'),
          col.int('total_fen'),
          col.int('schedule_version_id'),
          col.int('materials_version_id', { nullable: true }),
          col.str('snapshot_hash', 64),
          col.int('created_by'),
          col.instant('created_at'),
        ],
        indices: [idx('uq_ticket_quotes_seq', ['ticket_id', 'seq'], true)],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'ticket_signatures',
        columns: [
          col.id(),
          col.int('ticket_id'),
          col.int('quote_id', { nullable: true }),
          col.str('purpose', 16),
          col.int('media_id'),
          col.str('image_sha256', 64),
          col.int('signer_user_id', { nullable: true }),
          col.str('signer_name', 64),
          col.str('relation', 16),
          col.str('snapshot_hash', 64),
          col.int('collected_by', { nullable: true }),
          col.instant('signed_at'),
        ],
        indices: [idx('ix_ticket_signatures_ticket', ['ticket_id'])],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'ticket_serial_counters',
        columns: [col.id(), col.int('project_id'), col.str('day', 8), col.int('last_seq')],
        indices: [idx('uq_ticket_serial_counters', ['project_id', 'day'], true)],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'dispatch_policies',
        columns: [
          col.id(),
          col.int('project_id'),
          col.str('category', 32),
          col.str('mode', 8),
          col.int('pool_minutes', { default: 30 }),
        ],
        indices: [idx('uq_dispatch_policies', ['project_id', 'category'], true)],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'inbox_messages',
        columns: [
          col.id(),
          col.int('user_id'),
          col.str('kind', 32),
          col.str('title', 100),
          col.str('body', 500),
          col.int('ticket_id', { nullable: true }),
          col.instant('read_at', { nullable: true }),
          col.instant('created_at'),
        ],
        indices: [idx('ix_inbox_user', ['user_id', 'id'])],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'rectification_tasks',
        columns: [
          col.id(),
          col.int('ticket_id'),
          col.int('project_id'),
          col.str('reason', 500),
          col.str('status', 16),
          col.str('note', 500, { nullable: true }),
          col.int('resolved_by', { nullable: true }),
          col.instant('created_at'),
          col.instant('resolved_at', { nullable: true }),
        ],
        indices: [idx('ix_rectification_project', ['project_id', 'status'])],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'ticket_damages',
        columns: [
          col.id(),
          col.int('ticket_id'),
          col.str('description', 500),
          col.int('compensation_fen'),
          col.int('recorded_by'),
          col.instant('created_at'),
        ],
        indices: [idx('ix_ticket_damages_ticket', ['ticket_id'])],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of [
      'ticket_damages',
      'rectification_tasks',
      'inbox_messages',
      'dispatch_policies',
      'ticket_serial_counters',
      'ticket_signatures',
      'ticket_quotes',
      'ticket_media',
      'ticket_events',
      'tickets',
    ]) {
      await q.dropTable(name, true);
    }
  }
}
