import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Hot read paths (the auth guard, ticket lists) run hand-written SELECTs through `query()` instead of
 * QueryBuilder/find: a profile under load put TypeORM's query building and entity hydration at a third of
 * the server's CPU. These helpers turn raw rows of either engine into the values an entity would hold.
 */

/**
 * Columns and LEFT JOINs over one module's own tables that another module embeds in its own statement, keyed to a
 * column of that statement, with the reader of those columns. The owner keeps its SQL; the caller saves the round
 * trip a separate lookup would cost (P2, docs/benchmarks.md).
 */
export interface OwnedJoin<T> {
  columns: string;
  joins: string;
  /** The positional parameters of `joins`, in order. */
  params?: unknown[];
  read(row: Record<string, unknown>): T;
}

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
      const type =
        typeof c.type === 'string' ? c.type : c.type === Date ? 'datetime' : c.type === Boolean ? 'boolean' : 'other';
      const kind: Kind =
        type === 'datetime'
          ? 'instant'
          : type === 'boolean'
            ? 'flag'
            : type === 'integer' || type === 'int'
              ? 'int'
              : 'plain';
      return { column: c.databaseName, property: c.propertyName, kind };
    });
    mappers.set(meta, columns);
  }
  return columns;
}

/** A raw `SELECT t.*` row as the entity object TypeORM would have hydrated (dates, booleans, numbers). */
export function entityFromRow<T extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const out: Record<string, unknown> = {};
  for (const { column, property, kind } of columnsOf(db, entity)) {
    const value = row[column];
    out[property] =
      kind === 'instant'
        ? instantOf(value)
        : kind === 'flag'
          ? flagOf(value)
          : kind === 'int'
            ? intOf(value)
            : (value ?? null);
  }
  return out as T;
}

/** The id of a row inserted with `updateEntity(false)` (no read-back SELECT): mysql2's insertId or SQLite's rowid. */
export function insertedId(raw: unknown): number {
  return typeof raw === 'number' || typeof raw === 'bigint'
    ? Number(raw)
    : Number((raw as { insertId: number }).insertId);
}

const inserts = new WeakMap<object, { head: string; tuple: string; columns: ColumnMetadata[] }>();

/**
 * INSERT of rows built from the entity's metadata once (TypeORM's insert builder re-plans the statement on every
 * call and, on MySQL, reads generated and default columns back with a second SELECT). Values pass through the
 * driver's own conversion (dates, booleans) so both engines store what a repository insert would. Every column but
 * a generated id must be given. One statement for all rows; returns the driver's raw answer.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly Omit<T, 'id'>[],
): Promise<unknown> {
  const meta = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  let plan = inserts.get(meta);
  if (!plan) {
    const columns = meta.columns.filter((c) => !c.isGenerated);
    const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
    plan = {
      columns,
      head: `INSERT INTO ${driver.escape(meta.tableName)} (${names}) VALUES `,
      tuple: `(${placeholders(columns.length)})`,
    };
    inserts.set(meta, plan);
  }
  const { columns } = plan;
  const values = rows.flatMap((row) =>
    columns.map((c) => {
      const value = (row as Record<string, unknown>)[c.propertyName];
      if (value === undefined) throw new Error(`insertRows(${meta.tableName}): ${c.propertyName} missing`);
      return driver.preparePersistentValue(value, c);
    }),
  );
  return manager.query(plan.head + rows.map(() => plan.tuple).join(', '), values);
}

/** `insertRows` of one row; returns the new id. */
export async function insertRow<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  row: Omit<T, 'id'>,
): Promise<number> {
  return insertedId(await insertRows(manager, entity, [row]));
}
