import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/database/data-source';
import { seedDemo } from '../../src/seed/demo-seed';
import { createTestDatabase, databaseEnv } from '../support/test-database';

/** Runs on the same engine as the rest of the run (MariaDB, or SQLite when no MySQL is reachable). */
describe(`migrations and demo seed on ${process.env.E2E_DB ?? 'the default database'}`, () => {
  const kind = (process.env.E2E_DB as 'mysql' | 'sqlite') ?? 'sqlite';

  it('migrates up, down to nothing, and up again', async () => {
    const db = await createTestDatabase(kind, 'mig');
    const config = loadConfig({ ...databaseEnv(db), NODE_ENV: 'test', JWT_SECRET: 'z'.repeat(40) });
    const ds = await openDataSource(config);
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.length).toBe(ds.migrations.length);
      const tables = async () => (await ds.createQueryRunner().getTables(['users', 'houses', 'house_bindings', 'refresh_tokens'])).length;
      expect(await tables()).toBe(4);
      for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toBe(0);
      expect(await ds.showMigrations()).toBe(true);
      await ds.runMigrations({ transaction: 'each' });
      expect(await tables()).toBe(4);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('seeds the demo once (about 1,500 houses per project) and is a no-op the second time', async () => {
    const db = await createTestDatabase(kind, 'seed');
    const ds = await openDataSource(loadConfig({ ...databaseEnv(db), NODE_ENV: 'test', JWT_SECRET: 'z'.repeat(40) }));
    try {
      await ds.runMigrations({ transaction: 'each' });
      const first = await seedDemo(ds);
      expect(first.created).toBe(true);
      expect(first.houses).toBe(3000);
      const perProject = await ds.query('SELECT project_id, COUNT(*) AS n FROM houses GROUP BY project_id ORDER BY project_id');
      expect(perProject.map((r: { n: number | string }) => Number(r.n))).toEqual([1500, 1500]);
      const second = await seedDemo(ds);
      expect(second.created).toBe(false);
      expect(second.houses).toBe(3000);
      const roles = await ds.query('SELECT DISTINCT role FROM role_assignments ORDER BY role');
      expect(roles.map((r: { role: string }) => r.role)).toEqual([
        'admin', 'cashier', 'customer_manager', 'finance', 'project_manager', 'quality', 'supervisor', 'technician',
      ]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
