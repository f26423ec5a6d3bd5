import 'reflect-metadata';
import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/database/data-source';
import { createTestDatabase, databaseEnv, mysqlReachable } from './test-database';

/**
 * E2E_DB=mysql (default when MariaDB/MySQL answers) or sqlite. One fresh database per run,
 * migrated once; specs create their own tenants through factories so they never collide.
 */
export default async function globalSetup(): Promise<void> {
  let kind = (process.env.E2E_DB as 'mysql' | 'sqlite' | undefined) ?? undefined;
  if (!kind) kind = (await mysqlReachable()) ? 'mysql' : 'sqlite';
  if (kind === 'mysql' && !(await mysqlReachable())) {
    throw new Error('E2E_DB=mysql but no MySQL/MariaDB answers at DATABASE_URL or 127.0.0.1:3306');
  }
  const db = await createTestDatabase(kind, 'run');
  Object.assign(process.env, databaseEnv(db), { E2E_DB: kind, E2E_DB_LOCATION: db.location });
  if (kind === 'sqlite') delete process.env.DATABASE_URL;
  process.stdout.write(
    `\n[e2e] database: ${kind === 'mysql' ? 'MySQL/MariaDB' : 'SQLite'} ${kind === 'mysql' ? db.location.replace(/\/\/[^@]*@/, '//') : db.location}\n`,
  );
  const ds = await openDataSource(loadConfig({ ...process.env, NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) }));
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  (globalThis as { __E2E_DROP__?: () => Promise<void> }).__E2E_DROP__ = db.drop;
}
