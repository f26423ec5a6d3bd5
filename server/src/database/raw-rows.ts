import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Hot read paths (the auth guard, ticket lists) run hand-written SELECTs through `query()` instead of
 * QueryBuilder/find: a profile under load put TypeORM's query building and entity hydration at a third of
 * the server's CPU. These helpers turn raw rows of either engine into the values an entity would hold.
 */

/** `?, ?, ?` for an IN list (better-sqlite3 does not expand arrays the way mysql2 does). */
export function placeholders(count: number): string {
  return count > 0 ? Array.from({ length: count }, () => '?').join(', ') : 'NULL';
}

/** DATETIME(3) as a Date: mysql2 (timezone 'Z') already hands back a Date, SQLite the UTC text. */
export function instantOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  const iso = /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(text) ? text.replace(' ', 'T') : text;
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`);
}

export function flagOf(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

export function intOf(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

type Kind = 'instant' | 'flag' | 'int' | 'plain';
const mappers = new WeakMap<object, { column: string; property: string; kind: Kind }[]>();

/**
 * Columns of an entity, read once from its TypeORM metadata, so `entityFromRow` stays in step with the
 * entity class (a new column needs no change here).
 */
function columnsOf(db: DataSource, entity: EntityTarget<ObjectLiteral>) {
  const meta = db.getMetadata(entity);
  let columns = mappers.get(meta);
  if (!columns) {
    columns = meta.columns.map((c) => {
      const type = typeof c.type === 'string' ? c.type : c.type === Date ? 'datetime' : c.type === Boolean ? 'boolean' : 'other';
      const kind: Kind = type === 'datetime' ? 'instant' : type === 'boolean' ? 'flag' : type === 'integer' || type === 'int' ? 'int' : 'plain';
      return { column: c.databaseName, property: c.propertyName, kind };
    });
    mappers.set(meta, columns);
  }
  return columns;
}

/** A raw `SELECT t.*` row as the entity object TypeORM would have hydrated (dates, booleans, numbers). */
export function entityFromRow<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const { column, property, kind } of columnsOf(db, entity)) {
    const value = row[column];
    out[property] = kind === 'instant' ? instantOf(value) : kind === 'flag' ? flagOf(value) : kind === 'int' ? intOf(value) : (value ?? null);
  }
  return out as T;
}

/** The id of a row inserted with `updateEntity(false)` (no read-back SELECT): mysql2's insertId or SQLite's rowid. */
export function insertedId(raw: unknown): number {
  return typeof raw === 'number' || typeof raw === 'bigint' ? Number(raw) : Number((raw as { insertId: number }).insertId);
}
