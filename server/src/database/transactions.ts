import { DataSource, EntityManager } from 'typeorm';
import { isLockContention } from './errors';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();
// Four tries with 5–25 ms waits lost to four concurrent dispatches in CI; six with doubling waits (≈ 0.6 s in all)
// ride out a burst, and what still loses answers 409 (AllExceptionsFilter), never 500.
const MAX_ATTEMPTS = 6;

/**
 * Runs `work` in a transaction.
 * - MySQL/MariaDB: InnoDB may pick a transaction as a deadlock victim under contention; it was rolled
 *   back entirely, so it is retried a few times with jitter instead of surfacing as a 500.
 * - SQLite: TypeORM's better-sqlite3 driver shares ONE query runner, so overlapping transactions would
 *   silently nest as savepoints of each other; they are queued one after another instead.
 * Never call this from inside `work` (pass the EntityManager down instead): on SQLite it would wait forever.
 */
export function runInTransaction<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type !== 'better-sqlite3') return withRetry(db, work);
  const previous = sqliteQueues.get(db) ?? Promise.resolve();
  const run = previous.then(() => db.transaction(work));
  sqliteQueues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

async function withRetry<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isLockContention(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}
