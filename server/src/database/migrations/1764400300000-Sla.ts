import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/** SLA policies, the per-stage alert claims (exactly-once across instances) and the breach record. */
export class Sla1764400300000 implements MigrationInterface {
  name = 'Sla1764400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'sla_policies',
        columns: [
          col.id(),
          col.int('project_id'),
          col.str('category', 32),
          col.str('urgency', 16),
          col.int('respond_minutes', { nullable: true }),
          col.int('on_site_minutes', { nullable: true }),
          col.int('resolve_minutes', { nullable: true }),
          col.int('return_visit_minutes', { nullable: true }),
          col.instant('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_sla_policies',
            columnNames: ['project_id', 'category', 'urgency'],
            isUnique: true,
          }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'sla_alerts',
        columns: [
          col.id(),
          col.int('ticket_id'),
          col.str('deadline', 16),
          col.str('stage', 16),
          col.instant('due_at'),
          col.str('recipients', 200),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_sla_alerts', columnNames: ['ticket_id', 'deadline', 'stage'], isUnique: true }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'sla_breaches',
        columns: [
          col.id(),
          col.int('ticket_id'),
          col.int('project_id'),
          col.str('category', 32),
          col.str('urgency', 16),
          col.str('deadline', 16),
          col.instant('due_at'),
          col.instant('breached_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_sla_breaches', columnNames: ['ticket_id', 'deadline'], isUnique: true }),
          new TableIndex({ name: 'ix_sla_breaches_project', columnNames: ['project_id', 'breached_at'] }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('sla_breaches', true);
    await q.dropTable('sla_alerts', true);
    await q.dropTable('sla_policies', true);
  }
}
