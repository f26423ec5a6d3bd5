import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false as const,
  };
  if (config.database.type === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url: config.database.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      // mysql2 hands BIGINT/DECIMAL back as strings; money stays INT so this only guards counts.
      supportBigNumbers: true,
      bigNumberStrings: false,
      poolSize: config.database.poolSize,
      extra: { connectionLimit: config.database.poolSize },
    };
  }
  mkdirSync(dirname(config.database.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.file,
    // WAL lets readers proceed while a writer commits; busy_timeout queues writers instead of failing.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

export async function openDataSource(config: AppConfig): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  return ds;
}
