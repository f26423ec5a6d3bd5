import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/** The notification outbox, its per-attempt delivery log and the WeChat subscribe-credit ledger. */
export class Notifications1764400200000 implements MigrationInterface {
  name = 'Notifications1764400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notification_outbox',
        columns: [
          col.id(),
          col.str('dedupe_key', 160),
          col.int('user_id'),
          col.str('kind', 32),
          col.str('title', 100),
          col.str('body', 500),
          col.int('ticket_id', { nullable: true }),
          col.text('facts', { nullable: true }),
          col.str('status', 16),
          col.str('channel', 16, { nullable: true }),
          col.int('attempts', { default: 0 }),
          col.instant('next_attempt_at'),
          col.str('claim_token', 36, { nullable: true }),
          col.instant('claimed_until', { nullable: true }),
          col.str('last_error', 200, { nullable: true }),
          col.instant('created_at'),
          col.instant('finished_at', { nullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'uq_notification_outbox_dedupe', columnNames: ['dedupe_key'], isUnique: true }),
          new TableIndex({ name: 'ix_notification_outbox_due', columnNames: ['status', 'next_attempt_at'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          col.id(),
          col.int('outbox_id'),
          col.int('attempt'),
          col.str('channel', 16),
          col.str('outcome', 16),
          col.int('errcode', { nullable: true }),
          col.str('detail', 200, { nullable: true }),
          col.str('worker', 64),
          col.instant('started_at'),
          col.instant('finished_at', { nullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_notification_deliveries_attempt',
            columnNames: ['outbox_id', 'attempt'],
            isUnique: true,
          }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'subscribe_credits',
        columns: [
          col.id(),
          col.int('user_id'),
          col.str('template_id', 64),
          col.int('credits', { default: 0 }),
          col.instant('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_subscribe_credits_user_template',
            columnNames: ['user_id', 'template_id'],
            isUnique: true,
          }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('subscribe_credits', true);
    await q.dropTable('notification_deliveries', true);
    await q.dropTable('notification_outbox', true);
  }
}
