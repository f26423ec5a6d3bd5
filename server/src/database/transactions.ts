import { DataSource, EntityManager } from 'typeorm';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in a transaction. TypeORM's better-sqlite3 driver shares ONE query runner, so two
 * overlapping transactions would silently nest as savepoints of each other; on SQLite they are queued
 * one after another instead. MySQL/MariaDB uses pooled connections and needs no queue.
 * Never call this from inside `work` (pass the EntityManager down instead): on SQLite it would wait forever.
 */
export function runInTransaction<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type !== 'better-sqlite3') return db.transaction(work);
  const previous = sqliteQueues.get(db) ?? Promise.resolve();
  const run = previous.then(() => db.transaction(work));
  sqliteQueues.set(db, run.catch(() => undefined));
  return run;
}
