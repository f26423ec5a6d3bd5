import { assertFen, mulDivRoundHalfUp } from './money';

/**
 * The money rules of a monthly bill (docs/domain.md §5), pure so the server's set-based SQL, the property
 * tests (R12) and the clients' previews agree. Every function rounds once, half up, to whole fen.
 */

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD.test(text);
}

/** "2026-12" + 1 → "2027-01". */
export function addMonths(period: string, months: number): string {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a period: ${period}`);
  if (!Number.isInteger(months)) throw new RangeError('months must be a whole number');
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whole months from `from` to `to` ("2026-01" → "2026-03" = 2). */
export function monthsBetween(from: string, to: string): number {
  const a = PERIOD.exec(from);
  const b = PERIOD.exec(to);
  if (!a || !b) throw new RangeError(`not a period: ${a ? to : from}`);
  return Number(b[1]) * 12 + Number(b[2]) - (Number(a[1]) * 12 + Number(a[2]));
}

export function daysInPeriod(period: string): number {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a period: ${period}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
}

/** 物业服务费: area (hundredths of m²) × price (fen per m² per month). */
export function areaFeeFen(areaHundredths: number, unitPriceFen: number): number {
  return mulDivRoundHalfUp(areaHundredths, unitPriceFen, 100);
}

/** Metered or per-quantity items: quantity (thousandths) × unit price (fen). */
export function quantityFeeFen(quantityMilli: number, unitPriceFen: number): number {
  return mulDivRoundHalfUp(quantityMilli, unitPriceFen, 1000);
}

/** A month's amount for `days` of it (a house handed over mid-month). */
export function prorateFen(monthlyFen: number, days: number, period: string): number {
  const total = daysInPeriod(period);
  if (!Number.isInteger(days) || days < 0 || days > total) throw new RangeError(`days must be 0…${total}`);
  return mulDivRoundHalfUp(monthlyFen, days, total);
}

/**
 * The name of a paid-service charge's bill line: what was done and the ticket — "特约服务：马桶疏通 等2项（GD-202611-0012）".
 * `firstItem` is the charge's first schedule item (labour line) in line order, `itemCount` how many it has; the
 * item name is cut to 30 characters so the serial always fits the line's 80. The bill run builds the same text
 * in SQL (billing run/sources/charge.source.ts); billing-run e2e compares the two.
 */
export function chargeLineName(firstItem: string | null, itemCount: number, ticketSerial: string | null): string {
  const what =
    firstItem === null || itemCount < 1
      ? '特约服务'
      : `特约服务：${[...firstItem].slice(0, 30).join('')}${itemCount > 1 ? ` 等${itemCount}项` : ''}`;
  return (ticketSerial === null ? what : `${what}（${ticketSerial}）`).slice(0, 80);
}

/** The negative line of an approved vacancy: `percent` of the property fee, never more than the fee. */
export function vacancyDiscountFen(propertyFeeFen: number, percent: number): number {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError('percent must be 0…100');
  // 0 − x, not −x: a zero discount must be +0 (−0 differs from 0 under Object.is, so equal bills would not compare equal).
  return 0 - mulDivRoundHalfUp(propertyFeeFen, percent, 100);
}

/**
 * 滞纳金: principal × daily rate × days overdue, capped at `capPercent` of the principal. The rate is in
 * parts per 100,000 a day so 0.05 % a day is the integer 50.
 */
export function lateFeeFen(
  principalFen: number,
  dailyRatePer100k: number,
  daysOverdue: number,
  capPercent: number,
): number {
  assertFen(principalFen);
  // A negative cap made min(fee, cap) a credit; the cap is a share of the principal, 0…100 %.
  if (!Number.isInteger(capPercent) || capPercent < 0 || capPercent > 100)
    throw new RangeError('capPercent must be 0…100');
  if (principalFen <= 0 || daysOverdue <= 0 || dailyRatePer100k <= 0) return 0;
  const fee = mulDivRoundHalfUp(principalFen, dailyRatePer100k * daysOverdue, 100_000);
  const cap = mulDivRoundHalfUp(principalFen, capPercent, 100);
  return Math.min(fee, cap);
}

/**
 * Splits `totalFen` over weights exactly (largest remainder): every share is floor(total × w / Σw), the
 * fen left over go one each to the largest remainders, ties to the earlier index. Σ shares = total.
 */
export function allocateLargestRemainder(totalFen: number, weights: readonly number[]): number[] {
  assertFen(totalFen);
  if (weights.length === 0) {
    if (totalFen !== 0) throw new RangeError('cannot split a non-zero amount over nothing');
    return [];
  }
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
    throw new RangeError('weights must be non-negative integers');
  // Summed in BigInt: a float sum of large weights rounds, and the split then no longer adds up.
  const big = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (big === 0n) throw new RangeError('weights must not all be zero');
  const negative = totalFen < 0;
  const total = BigInt(Math.abs(totalFen));
  const shares = weights.map((w) => (total * BigInt(w)) / big);
  const remainders = weights.map((w, index) => ({ index, rest: (total * BigInt(w)) % big }));
  let left = Number(total - shares.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (let i = 0; left > 0; i++, left--) shares[remainders[i].index] += 1n;
  return shares.map((s) => (negative ? 0 - Number(s) : Number(s)));
}

/** Parses "1234.5" / "1234.567" (meter values, quantities) into thousandths; null when malformed. */
export function parseMilli(text: string): number | null {
  const m = /^\s*(\d{1,12})(?:\.(\d{1,3}))?\s*$/.exec(text);
  if (!m) return null;
  const value = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  return Number.isSafeInteger(value) ? value : null;
}

/** 12345 → "12.345". */
export function formatMilli(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}
