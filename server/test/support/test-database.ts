import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';

export interface TestDatabase {
  kind: 'mysql' | 'sqlite';
  /** DATABASE_URL for MySQL, or the SQLite file path. */
  location: string;
  drop(): Promise<void>;
}

function serverUrl(url: string): { base: string; params: string } {
  const parsed = new URL(url);
  parsed.pathname = '/';
  const params = parsed.search;
  parsed.search = '';
  return { base: parsed.toString().replace(/\/$/, ''), params };
}

export async function mysqlReachable(url = process.env.DATABASE_URL || DEFAULT_MYSQL_URL): Promise<boolean> {
  try {
    const connection = await createConnection({ uri: serverUrl(url).base, connectTimeout: 2000 });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

/** A fresh, uniquely named database for one run so runs never see each other's rows. */
export async function createTestDatabase(kind: 'mysql' | 'sqlite', label: string): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `e2e-${label}-`));
    return { kind, location: join(dir, 'app.sqlite'), drop: async () => undefined };
  }
  const { base, params } = serverUrl(process.env.DATABASE_URL || DEFAULT_MYSQL_URL);
  const name = `e2e_${label}_${process.pid}_${Date.now().toString(36)}`;
  const admin = await createConnection({ uri: base });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    kind,
    location: `${base}/${name}${params}`,
    drop: async () => {
      const c = await createConnection({ uri: base });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

export function databaseEnv(db: TestDatabase): Record<string, string> {
  return db.kind === 'mysql' ? { DATABASE_URL: db.location } : { SQLITE_FILE: db.location };
}

/**
 * Jest timeout for the migrations spec, which walks the whole schema history (every migration up and down; on
 * MariaDB one DDL statement at a time) and seeds the demo. It grows with each migration; helper sessions saw it
 * pass 60 s on MariaDB at load average 15–26 while it takes ~20 s on a quiet machine. A real hang still fails.
 */
export const SCHEMA_HISTORY_TIMEOUT_MS = 300_000;
