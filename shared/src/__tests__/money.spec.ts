import fc from 'fast-check';
import {
  assertFen,
  fenToYuanString,
  formatFen,
  mulDivRoundHalfUp,
  parseFixed2,
  parseYuanToFen,
  sumFen,
} from '../money';

describe('money in fen', () => {
  it.each([
    [0, '0.00', '¥0.00'],
    [5, '0.05', '¥0.05'],
    [-5, '-0.05', '-¥0.05'],
    [12345, '123.45', '¥123.45'],
    [123456789, '1234567.89', '¥1,234,567.89'],
  ])('formats %i fen as %s / %s', (fen, plain, formatted) => {
    expect(fenToYuanString(fen)).toBe(plain);
    expect(formatFen(fen)).toBe(formatted);
  });

  it.each([
    ['0.29', 29],
    ['12', 1200],
    ['12.3', 1230],
    ['-1.05', -105],
    [' 89.50 ', 8950],
  ])('parses %p without float error', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });

  it.each(['', 'abc', '1.234', '1,000', '1e3', '.5', '12.'])('refuses %p', (text) => {
    expect(parseFixed2(text)).toBeNull();
  });

  it('refuses non-integer fen', () => {
    expect(() => assertFen(1.5)).toThrow(RangeError);
    expect(() => sumFen([1, 2.5])).toThrow(RangeError);
  });

  it('round-trips every amount through its yuan string (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => parseYuanToFen(fenToYuanString(fen)) === fen),
    );
  });

  it('sums exactly, independent of order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 200 }), (values) => {
        const reversed = [...values].reverse();
        return sumFen(values) === sumFen(reversed) && Number.isSafeInteger(sumFen(values));
      }),
    );
  });

  it('rounds half up exactly once (area × unit price)', () => {
    // 89.50 m² × ¥2.35/m² = ¥210.325 → ¥210.33
    expect(mulDivRoundHalfUp(8950, 235, 100)).toBe(21033);
    expect(mulDivRoundHalfUp(1, 1, 2)).toBe(1);
    expect(mulDivRoundHalfUp(-1, 1, 2)).toBe(-1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100_000 }), (area, price) => {
        const exact = BigInt(area) * BigInt(price);
        const got = BigInt(mulDivRoundHalfUp(area, price, 100));
        // Half up: the rounded value is within half a fen, and exact halves go up.
        const diff = got * 100n - exact;
        return diff <= 50n && diff > -50n;
      }),
    );
  });
});
