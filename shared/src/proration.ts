import { allocateLargestRemainder, daysInPeriod, isPeriod } from './billing';
import { assertFen } from './money';

/**
 * 按天折算 (proration by days), pure so the bill run's SQL, the property tests (R12) and the docs agree
 * (docs/billing.md "Proration"). A house's 计费起始日 (e.g. 交房日) is a Shanghai calendar date "YYYY-MM-DD";
 * in the month that contains it, recurring lines are the month's amount × billable days / days in the month,
 * rounded once, half up. Months before it have no recurring lines; later months are billed in full.
 */

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar date "YYYY-MM-DD" (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && Number(m[3]) <= daysInPeriod(`${m[1]}-${m[2]}`);
}

/**
 * Days of `period` billed for a house whose billing starts on `startDate` (null = billed from the start):
 * the whole month when it starts on or before the 1st, 0 when it starts after the month, else the days from
 * the start date to the month's end, both included (starts on 11-15 → 16 of November's 30).
 */
export function billableDays(period: string, startDate: string | null): number {
  if (!isPeriod(period)) throw new RangeError(`not a period: ${period}`);
  const total = daysInPeriod(period);
  if (startDate === null) return total;
  if (!isCalendarDate(startDate)) throw new RangeError(`not a date: ${startDate}`);
  const month = startDate.slice(0, 7);
  if (month < period) return total;
  if (month > period) return 0;
  return total - Number(startDate.slice(8, 10)) + 1;
}

/** One stretch of a month at one price: the month's full amount at that price and the days it applies. */
export interface ProrationSegment {
  monthlyFen: number;
  days: number;
}

/**
 * A month split into segments (e.g. by a price's effective date): each segment's share of the month, such
 * that the parts sum EXACTLY to the single allocation round_half_up(Σ monthly × days / days in month).
 * Largest remainder over the segments (weights monthly × days) — so an unchanged price split in two sums
 * to exactly what the whole days would give, and a full month of one price is exactly that price.
 * Prices are never negative (a discount is its own line).
 */
export function prorateSegmentsFen(segments: readonly ProrationSegment[], period: string): number[] {
  const total = daysInPeriod(period);
  let days = 0;
  for (const s of segments) {
    assertFen(s.monthlyFen, 'monthlyFen');
    if (s.monthlyFen < 0) throw new RangeError('monthlyFen cannot be negative');
    if (!Number.isInteger(s.days) || s.days < 0) throw new RangeError('days must be a whole number ≥ 0');
    days += s.days;
  }
  if (days > total) throw new RangeError(`segments cover ${days} days, the month has ${total}`);
  // BigInt: Σ monthly × days can pass the safe-integer range for many large segments.
  const weights = segments.map((s) => BigInt(s.monthlyFen) * BigInt(s.days));
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return segments.map(() => 0);
  if (weights.some((w) => w > BigInt(Number.MAX_SAFE_INTEGER))) throw new RangeError('a segment is too large to split');
  const whole = Number((sum * 2n + BigInt(total)) / (2n * BigInt(total)));
  return allocateLargestRemainder(whole, weights.map(Number));
}

/** The name of a prorated line: "物业服务费（11月15日起计，16/30天）"; a whole month keeps the item's name. */
export function proratedLineName(itemName: string, period: string, startDate: string | null): string {
  const days = billableDays(period, startDate);
  const total = daysInPeriod(period);
  if (startDate === null || days === total || days === 0) return itemName;
  return `${itemName}（${Number(startDate.slice(5, 7))}月${Number(startDate.slice(8, 10))}日起计，${days}/${total}天）`;
}
