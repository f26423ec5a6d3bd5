import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Administration without the demo seed: accounts an administrator creates or resets carry
 * `must_change_password` until their owner picks a password, and projects get departments
 * (工程、保洁、绿化、秩序 …) with a supervising staff member.
 */
export class Administration1764300100000 implements MigrationInterface {
  name = 'Administration1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn(col.bool('must_change_password', false)));
    await q.createTable(
      new Table({
        name: 'departments',
        columns: [
          col.id(),
          col.int('company_id'),
          col.int('project_id'),
          col.str('name', 32),
          col.int('supervisor_user_id', { nullable: true }),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_departments_name', columnNames: ['project_id', 'name'], isUnique: true }),
          new TableIndex({ name: 'ix_departments_supervisor', columnNames: ['supervisor_user_id'] }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('departments', true);
    await q.dropColumn('users', 'must_change_password');
  }
}
