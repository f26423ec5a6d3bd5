/** Asia/Shanghai is UTC+8 all year (no daylight saving), so business dates need no tz database. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Asia/Shanghai calendar month of an instant, "YYYY-MM". */
export function shanghaiMonth(instant: Date): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The Asia/Shanghai calendar day of an instant, "YYYY-MM-DD". */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** First instant (UTC) of a Shanghai month "YYYY-MM". */
export function shanghaiMonthStart(month: string): Date {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`not a month: ${month}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) - SHANGHAI_OFFSET_MS);
}
