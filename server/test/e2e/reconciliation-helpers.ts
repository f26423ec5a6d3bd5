import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/database/data-source';
import { createTestDatabase, databaseEnv } from '../support/test-database';

/**
 * A migrated database of its own: reconciliation runs are one per date and deployment-wide, and compare every
 * WeChat payment of the day, so these specs must not see the payments other specs make in the shared run database.
 */
export async function ownDatabase(label: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const kind = (process.env.E2E_DB as 'mysql' | 'sqlite' | undefined) ?? 'sqlite';
  const db = await createTestDatabase(kind, label);
  const env = databaseEnv(db);
  const ds = await openDataSource(loadConfig({ ...process.env, ...env, NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) }));
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  return { env, drop: db.drop };
}
