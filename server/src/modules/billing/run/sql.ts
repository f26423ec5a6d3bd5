import type { EntityManager } from 'typeorm';

/**
 * The few SQL spellings where MySQL/MariaDB (and TiDB) and SQLite differ, for the run's set-based
 * statements. Everything else the run sends is plain SQL both engines read the same way.
 */
export type Dialect = 'mysql' | 'sqlite';

export function dialectOf(manager: EntityManager): Dialect {
  const type = manager.connection.options.type;
  return type === 'better-sqlite3' || type === 'sqlite' ? 'sqlite' : 'mysql';
}

/** A database id or price written into SQL as a literal: only safe integers get through. */
export function intLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  return String(value);
}

/**
 * `round(expr / divisor)` half up (half away from zero), for an INTEGER expression: exactly
 * `mulDivRoundHalfUp` of shared/src/money.ts — q = (|p| × 2 + d) div 2d, sign restored. MySQL's `DIV` and
 * SQLite's `/` on two integers both truncate toward zero, so the same formula gives the same fen on both
 * (never MySQL's `/`, which returns a decimal). Operands must be integer columns or integer literals:
 * better-sqlite3 binds JS numbers as REAL, which would turn SQLite's `/` into a float division.
 */
export function halfUpDivSql(dialect: Dialect, expr: string, divisor: number): string {
  const d = intLiteral(divisor);
  const d2 = intLiteral(divisor * 2);
  const div = dialect === 'mysql' ? 'DIV' : '/';
  return `(CASE WHEN (${expr}) >= 0 THEN ((${expr}) * 2 + ${d}) ${div} ${d2} ELSE -(((-(${expr})) * 2 + ${d}) ${div} ${d2}) END)`;
}

/** String concatenation of SQL expressions: MySQL's CONCAT (its `||` is OR), SQLite's `||`. Numbers become their decimal text on both. */
export function concatSql(dialect: Dialect, parts: readonly string[]): string {
  return dialect === 'mysql' ? `CONCAT(${parts.join(', ')})` : `(${parts.map((p) => `(${p})`).join(' || ')})`;
}

/** A text column of digits (e.g. the day of a "YYYY-MM-DD" date) read as an integer. */
export function intOfTextSql(dialect: Dialect, expr: string): string {
  return dialect === 'mysql' ? `CAST(${expr} AS SIGNED)` : `CAST(${expr} AS INTEGER)`;
}

/**
 * `areaText` of items-in-force.ts in SQL: 8950 → "89.50" followed by the bound `suffix` parameter (" ㎡").
 * Areas are never negative (property refuses them), as in the JS version.
 */
export function areaTextSql(dialect: Dialect, column: string): string {
  return dialect === 'mysql'
    ? `CONCAT(${column} DIV 100, '.', LPAD(${column} MOD 100, 2, '0'), ?)`
    : `((${column} / 100) || '.' || substr('0' || (${column} % 100), -2) || ?)`;
}

/**
 * `plainMilli` of inputs/sources/batch.ts in SQL, for a non-negative INTEGER column of thousandths:
 * 2000 → "2", 12345 → "12.345", 1500 → "1.5" (trailing zeros of the fraction dropped, no float).
 */
export function plainMilliSql(dialect: Dialect, column: string): string {
  const div = dialect === 'mysql' ? 'DIV' : '/';
  const m = `(${column} % 1000)`;
  const pad = (expr: string, width: number) =>
    dialect === 'mysql' ? `LPAD(${expr}, ${width}, '0')` : `substr('000' || (${expr}), -${width})`;
  const frac =
    `(CASE WHEN ${m} = 0 THEN '' WHEN ${m} % 100 = 0 THEN ${concatSql(dialect, ["'.'", `${m} ${div} 100`])}` +
    ` WHEN ${m} % 10 = 0 THEN ${concatSql(dialect, ["'.'", pad(`${m} ${div} 10`, 2)])}` +
    ` ELSE ${concatSql(dialect, ["'.'", pad(m, 3)])} END)`;
  return concatSql(dialect, [`${column} ${div} 1000`, frac]);
}

/**
 * `UPDATE bills` from a list of (id, total, hash) rows in one statement, linear in the rows: MySQL joins a
 * UNION ALL derived table (TiDB has no VALUES table constructor), SQLite reads `UPDATE … FROM (VALUES …)`
 * (its UNION ALL stops at 500 terms). Replaces `CASE id WHEN …` per column, which MariaDB evaluates in
 * O(rows²) per statement.
 */
export function updateBillsFromRows(dialect: Dialect, count: number): string {
  if (dialect === 'mysql') {
    const first = 'SELECT ? AS id, ? AS total_fen, ? AS content_hash';
    const rows = [first, ...Array.from({ length: count - 1 }, () => 'SELECT ?, ?, ?')].join(' UNION ALL ');
    return `UPDATE bills b JOIN (${rows}) v ON v.id = b.id SET b.total_fen = v.total_fen, b.content_hash = v.content_hash`;
  }
  const values = Array.from({ length: count }, () => '(?, ?, ?)').join(', ');
  return `UPDATE bills SET total_fen = v.column2, content_hash = v.column3 FROM (VALUES ${values}) AS v WHERE bills.id = v.column1`;
}
