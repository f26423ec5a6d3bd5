import { DataSource, DataSourceOptions } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestDatabase, databaseEnv } from '../support/test-database';

/**
 * TypeORM reads MariaDB's catalogue correctly only when it is told the server is MariaDB: MariaDB
 * reports the default of a nullable column as the text 'NULL', which the 'mysql' driver takes for a
 * literal default and "fixes" on every nullable column. `migration:generate` against MariaDB is run
 * with type 'mariadb' for the same reason; the app itself writes through mysql2 either way.
 */
async function openAsGenerateWould(options: DataSourceOptions): Promise<DataSource> {
  if (options.type === 'mysql') {
    const probe = new DataSource(options);
    await probe.initialize();
    const [{ v }] = await probe.query('SELECT VERSION() AS v');
    await probe.destroy();
    if (/mariadb/i.test(String(v))) options = { ...options, type: 'mariadb' } as DataSourceOptions;
  }
  const ds = new DataSource(options);
  await ds.initialize();
  return ds;
}

/**
 * The migrations and the entities describe one schema: after migrating a fresh database, TypeORM's
 * schema builder (what `migration:generate` runs) must find nothing to change. A column widened in an
 * entity but not in a migration (or the reverse), or an index only one side knows, fails here instead
 * of as "Data too long" in production or as a generated migration that drops indexes.
 */
describe(`schema drift on ${process.env.E2E_DB ?? 'the default database'}`, () => {
  const kind = (process.env.E2E_DB as 'mysql' | 'sqlite') ?? 'sqlite';

  it('a freshly migrated database matches the entities (migration:generate would yield nothing)', async () => {
    const db = await createTestDatabase(kind, 'drift');
    const ds = await openAsGenerateWould(
      dataSourceOptions(loadConfig({ ...databaseEnv(db), NODE_ENV: 'test', JWT_SECRET: 'z'.repeat(40) })),
    );
    try {
      await ds.runMigrations({ transaction: 'each' });
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
