import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../migration-helpers';

const TABLES = [
  'house_bindings',
  'technician_buildings',
  'technician_profiles',
  'building_managers',
  'houses',
  'units',
  'buildings',
  'projects',
  'regions',
  'companies',
  'refresh_tokens',
  'role_assignments',
  'users',
];

export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    const table = async (name: string, columns: Table['columns'] | object[], indices: TableIndex[] = []) => {
      await q.createTable(new Table({ name, columns: columns as Table['columns'], indices }), true);
    };
    const idx = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique });

    await table(
      'users',
      [
        col.id(),
        col.str('kind', 16),
        col.str('name', 64),
        col.str('phone', 20, { nullable: true }),
        col.str('username', 64, { nullable: true }),
        col.str('password_hash', 100, { nullable: true }),
        col.str('wechat_app_id', 32, { nullable: true }),
        col.str('wechat_open_id', 64, { nullable: true }),
        col.str('wechat_union_id', 64, { nullable: true }),
        col.int('company_id', { nullable: true }),
        col.str('status', 16, { default: 'active' }),
        col.int('failed_login_count', { default: 0 }),
        col.instant('locked_until', { nullable: true }),
        col.int('token_version', { default: 0 }),
        col.bool('is_demo', false),
        col.instant('created_at'),
        col.instant('updated_at'),
      ],
      [
        idx('uq_users_phone', ['phone'], true),
        idx('uq_users_username', ['username'], true),
        idx('uq_users_wechat', ['wechat_app_id', 'wechat_open_id'], true),
      ],
    );

    await table(
      'role_assignments',
      [
        col.id(),
        col.int('user_id'),
        col.str('role', 32),
        col.str('scope_type', 16),
        col.int('scope_id'),
        col.instant('created_at'),
      ],
      [
        idx('uq_role_assignments', ['user_id', 'role', 'scope_type', 'scope_id'], true),
        idx('ix_role_assignments_scope', ['scope_type', 'scope_id', 'role']),
      ],
    );

    await table(
      'refresh_tokens',
      [
        col.id(),
        col.int('user_id'),
        col.str('family_id', 36),
        col.str('token_hash', 64),
        col.instant('expires_at'),
        col.instant('family_expires_at'),
        col.instant('used_at', { nullable: true }),
        col.instant('revoked_at', { nullable: true }),
        col.instant('created_at'),
      ],
      [
        idx('uq_refresh_tokens_hash', ['token_hash'], true),
        idx('ix_refresh_tokens_family', ['family_id']),
        idx('ix_refresh_tokens_user', ['user_id']),
      ],
    );

    await table(
      'companies',
      [col.id(), col.str('code', 32), col.str('name', 100)],
      [idx('uq_companies_code', ['code'], true)],
    );
    await table(
      'regions',
      [col.id(), col.int('company_id'), col.str('code', 32), col.str('name', 100)],
      [idx('uq_regions_code', ['company_id', 'code'], true)],
    );
    await table(
      'projects',
      [
        col.id(),
        col.int('company_id'),
        col.int('region_id'),
        col.str('code', 16),
        col.str('name', 100),
        col.str('address', 200, { default: '' }),
      ],
      [idx('uq_projects_code', ['code'], true), idx('ix_projects_region', ['region_id'])],
    );

    await table(
      'buildings',
      [col.id(), col.int('project_id'), col.str('name', 32), col.int('sort_order', { default: 0 })],
      [idx('uq_buildings_name', ['project_id', 'name'], true)],
    );
    await table(
      'units',
      [col.id(), col.int('project_id'), col.int('building_id'), col.str('name', 32)],
      [idx('uq_units_name', ['building_id', 'name'], true)],
    );
    await table(
      'houses',
      [
        col.id(),
        col.int('project_id'),
        col.int('building_id'),
        col.int('unit_id'),
        col.str('room_no', 32),
        col.int('floor', { nullable: true }),
        col.int('area_hundredths'),
        col.str('type', 16),
        col.instant('created_at'),
        col.instant('updated_at'),
      ],
      [
        idx('uq_houses_room', ['unit_id', 'room_no'], true),
        idx('ix_houses_project', ['project_id', 'building_id', 'unit_id']),
      ],
    );
    await table(
      'building_managers',
      [col.id(), col.int('building_id'), col.int('user_id')],
      [idx('uq_building_managers', ['building_id', 'user_id'], true), idx('ix_building_managers_user', ['user_id'])],
    );

    await table('technician_profiles', [
      { name: 'user_id', type: 'integer', isPrimary: true },
      col.int('company_id'),
      col.str('department', 32),
      col.text('skills'),
      col.bool('on_duty', true),
      col.int('max_open_jobs', { default: 5 }),
    ]);
    await table(
      'technician_buildings',
      [col.id(), col.int('user_id'), col.int('building_id')],
      [
        idx('uq_technician_buildings', ['user_id', 'building_id'], true),
        idx('ix_technician_buildings_building', ['building_id']),
      ],
    );

    await table(
      'house_bindings',
      [
        col.id(),
        col.int('house_id'),
        col.int('project_id'),
        col.int('user_id'),
        col.str('relation', 16),
        col.str('name', 64),
        col.str('phone', 20),
        col.str('status', 16),
        col.str('active_key', 40, { nullable: true }),
        col.str('reject_reason', 200, { nullable: true }),
        col.int('reviewed_by', { nullable: true }),
        col.instant('reviewed_at', { nullable: true }),
        col.instant('created_at'),
      ],
      [
        idx('uq_house_bindings_active', ['active_key'], true),
        idx('ix_house_bindings_user', ['user_id']),
        idx('ix_house_bindings_house', ['house_id', 'status']),
        idx('ix_house_bindings_project', ['project_id', 'status']),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of TABLES) await q.dropTable(name, true);
  }
}
