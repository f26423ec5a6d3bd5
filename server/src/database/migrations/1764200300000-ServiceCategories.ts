import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Ticket categories become company data (label + qualifying skills, or explicitly open to all) instead of
 * a constant in the code. Every existing company gets the defaults the code used to hard-code, and
 * 打字复印 (which used to skip the skill check silently) is now explicitly open to all.
 * The defaults are copied here on purpose: a migration must not change when application constants do.
 */
const DEFAULTS: [code: string, name: string, skills: string, openToAll: boolean, sortOrder: number][] = [
  ['GD', '供电设备维修类', '电', false, 1],
  ['GS', '供水设备维修类', '水,管道疏通', false, 2],
  ['JJ', '家庭物品维修类', '门窗,家电,锁具', false, 3],
  ['JZ', '家政服务类', '保洁', false, 4],
  ['LH', '绿化服务类', '绿化', false, 5],
  ['DY', '打字复印类', '', true, 6],
];

export class ServiceCategories1764200300000 implements MigrationInterface {
  name = 'ServiceCategories1764200300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'service_categories',
        columns: [
          col.id(),
          col.int('company_id'),
          col.str('code', 32),
          col.str('name', 50),
          col.str('skills', 200, { default: '' }),
          col.bool('open_to_all', false),
          col.int('sort_order', { default: 0 }),
          col.int('updated_by', { nullable: true }),
          col.instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_service_categories', columnNames: ['company_id', 'code'], isUnique: true }),
        ],
      }),
      true,
    );
    const companies: { id: number | string }[] = await q.query('SELECT id FROM companies');
    // Raw SQL, not the entity: the migration must keep working whatever the entity becomes. UTC text fits DATETIME(3) on both engines.
    const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
    for (const company of companies) {
      for (const [code, name, skills, openToAll, sortOrder] of DEFAULTS) {
        await q.query(
          'INSERT INTO service_categories (company_id, code, name, skills, open_to_all, sort_order, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)',
          [Number(company.id), code, name, skills, openToAll ? 1 : 0, sortOrder, at],
        );
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('service_categories', true);
  }
}
