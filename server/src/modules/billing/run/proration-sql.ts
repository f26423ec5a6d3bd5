import { daysInPeriod, isPeriod } from '@app/shared';
import { concatSql, type Dialect, halfUpDivSql, intLiteral, intOfTextSql } from './sql';

/**
 * 按天折算 in SQL over the house row `h` (billing_start_date) and item row `i` (name), for `period`:
 * - `billed`: the house is billed in the month at all (no 计费起始日, or one on or before the month's last day);
 * - `amount`: round half up (full × billable days / days in month) — `prorateFen(full, billableDays(…), period)`;
 *   a whole month gives back `full` exactly, since (full × D × 2 + D) div 2D = full;
 * - `name`: the item's name, or "物业服务费（11月15日起计，16/30天）" in the month the house starts
 *   (`proratedLineName` of shared/src/proration.ts).
 * Dates are "YYYY-MM-DD" text and compare in order; the dates written into the SQL come from a checked period.
 */
export function prorationSql(
  dialect: Dialect,
  period: string,
  full: string,
): { billed: string; amount: string; name: string; nameParams: unknown[] } {
  if (!isPeriod(period)) throw new RangeError(`not a period: ${period}`);
  const total = daysInPeriod(period);
  const first = `'${period}-01'`;
  const last = `'${period}-${String(total).padStart(2, '0')}'`;
  const start = 'h.billing_start_date';
  const partial = `(${start} > ${first} AND ${start} <= ${last})`;
  const day = intOfTextSql(dialect, `SUBSTR(${start}, 9, 2)`);
  const days = `(CASE WHEN ${partial} THEN ${intLiteral(total + 1)} - ${day} ELSE ${intLiteral(total)} END)`;
  return {
    billed: `(${start} IS NULL OR ${start} <= ${last})`,
    amount: halfUpDivSql(dialect, `(${full}) * ${days}`, total),
    name: `(CASE WHEN ${partial} THEN ${concatSql(dialect, ['i.name', '?', day, '?', days, '?'])} ELSE i.name END)`,
    nameParams: [`（${Number(period.slice(5, 7))}月`, '日起计，', `/${total}天）`],
  };
}
