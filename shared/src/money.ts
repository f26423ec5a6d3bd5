/** Money is integer fen everywhere; yuan strings exist only at the edges. */

export function assertFen(value: number, what = 'amount'): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer number of fen, got ${value}`);
  return value;
}

export function sumFen(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total = assertFen(total + assertFen(v), 'sum');
  return total;
}

/** 12345 → "123.45"; -5 → "-0.05". */
export function fenToYuanString(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${cents.toString().padStart(2, '0')}`;
}

/** 123456 → "¥1,234.56" */
export function formatFen(fen: number): string {
  const [whole, cents] = fenToYuanString(fen).split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${cents}`;
}

/** Parses "12", "12.3", "12.34" (yuan) into fen without floating point. Returns null when malformed. */
export function parseYuanToFen(text: string): number | null {
  return parseFixed2(text);
}

/**
 * Parses a non-negative-or-negative decimal with at most two fraction digits into hundredths,
 * using string arithmetic only (no float rounding surprises: "0.29" → 29, never 28).
 */
export function parseFixed2(text: string): number | null {
  const m = /^\s*(-?)(\d{1,13})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  const value = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(value)) return null;
  return sign === '-' ? -value : value;
}

/** Multiplies fen by a rational factor, rounding half up exactly once (used for area × unit price). */
export function mulDivRoundHalfUp(a: number, b: number, divisor: number): number {
  assertFen(a);
  assertFen(b);
  if (!Number.isSafeInteger(divisor) || divisor <= 0) throw new RangeError('divisor must be a positive integer');
  const product = BigInt(a) * BigInt(b);
  const d = BigInt(divisor);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const q = (abs * 2n + d) / (2n * d);
  const result = Number(negative ? -q : q);
  return assertFen(result);
}
