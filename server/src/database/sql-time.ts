import type { DataSource, EntityManager } from 'typeorm';

/**
 * Instant arithmetic in SQL where MySQL/MariaDB and SQLite spell it differently (reports that aggregate
 * durations in one statement instead of reading rows back).
 */
export type SqlDialect = 'mysql' | 'sqlite';

export function sqlDialectOf(db: DataSource | EntityManager): SqlDialect {
  const type = ('connection' in db ? db.connection : db).options.type;
  return type === 'better-sqlite3' || type === 'sqlite' ? 'sqlite' : 'mysql';
}

/**
 * Whole seconds from `from` to `to` (two DATETIME(3) UTC columns), NULL when either is NULL. MySQL's
 * TIMESTAMPDIFF ignores the session time zone; SQLite's julianday is rounded to the second so a
 * difference of exact minutes stays exact.
 */
export function secondsBetweenSql(dialect: SqlDialect, from: string, to: string): string {
  return dialect === 'mysql'
    ? `TIMESTAMPDIFF(SECOND, ${from}, ${to})`
    : `CAST(ROUND((julianday(${to}) - julianday(${from})) * 86400) AS INTEGER)`;
}

/** A Date as the UTC text both engines compare DATETIME(3) columns with (raw `query()` binds no Dates on SQLite). */
export function sqlInstantText(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
