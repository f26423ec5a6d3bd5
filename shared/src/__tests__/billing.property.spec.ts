import fc from 'fast-check';
import {
  addMonths,
  allocateLargestRemainder,
  areaFeeFen,
  daysInPeriod,
  lateFeeFen,
  monthsBetween,
  prorateFen,
  quantityFeeFen,
  vacancyDiscountFen,
} from '../billing';

/**
 * R12: the money rules of a bill hold for any input, not just the examples in docs/billing.md. Exact ratios are
 * compared in BigInt so the oracle itself never rounds.
 */

const fen = (max = 1_000_000_000) => fc.integer({ min: 0, max });
const period = fc
  .tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const abs = (n: bigint) => (n < 0n ? -n : n);

describe('allocateLargestRemainder', () => {
  const weights = fc
    .array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 60 })
    .filter((w) => w.some((x) => x > 0));

  it('gives out exactly the total, for any weights and any sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), weights, (total, w) => {
        const shares = allocateLargestRemainder(total, w);
        expect(shares).toHaveLength(w.length);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      }),
    );
  });

  it('keeps every share within one fen of its exact ratio, and zero weights get nothing', () => {
    fc.assert(
      fc.property(fen(), weights, (total, w) => {
        const shares = allocateLargestRemainder(total, w);
        const sum = BigInt(w.reduce((a, b) => a + b, 0));
        shares.forEach((share, i) => {
          // |share − total·w/Σw| < 1  ⇔  |share·Σw − total·w| < Σw
          expect(abs(BigInt(share) * sum - BigInt(total) * BigInt(w[i])) < sum).toBe(true);
          if (w[i] === 0) expect(share).toBe(0);
        });
      }),
    );
  });

  it('holds for weights near the safe-integer limit (their sum is not a safe number)', () => {
    const big = fc
      .array(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { minLength: 2, maxLength: 8 })
      .filter((w) => w.some((x) => x > 0));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), big, (total, w) => {
        const shares = allocateLargestRemainder(total, w);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = w.reduce((a, b) => a + BigInt(b), 0n);
        shares.forEach((share, i) => expect(abs(BigInt(share) * sum - BigInt(total) * BigInt(w[i])) < sum).toBe(true));
      }),
      { numRuns: 2000 },
    );
  });

  it('sums the weights exactly (found by the properties: a float sum threw a TypeError here)', () => {
    const w = [3752124944371549, 6208546270932314, 265854309610935, 2805350829900202];
    const shares = allocateLargestRemainder(8848710980470839, w);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(8848710980470839);
    const sum = w.reduce((a, b) => a + BigInt(b), 0n);
    shares.forEach((share, i) => expect(abs(BigInt(share) * sum - 8848710980470839n * BigInt(w[i])) < sum).toBe(true));
  });

  it('is deterministic: equal remainders go to the earlier house', () => {
    expect(allocateLargestRemainder(2, [1, 1, 1])).toEqual([1, 1, 0]);
    // A negative total (a refund split) gave [-1, -1, -0] before the fix.
    expect(allocateLargestRemainder(-2, [1, 1, 1])).toEqual([-1, -1, 0]);
  });
});

describe('areaFeeFen and quantityFeeFen', () => {
  it('round the exact product once, half up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fen(1_000_000), (area, price) => {
        const exact2 = BigInt(area) * BigInt(price); // in hundredths of a fen
        const fee = BigInt(areaFeeFen(area, price));
        // fee − 0.5 ≤ exact < fee + 0.5  ⇔  100·fee − 50 ≤ exact2 < 100·fee + 50
        expect(fee * 100n - 50n <= exact2 && exact2 < fee * 100n + 50n).toBe(true);
      }),
    );
    expect(areaFeeFen(50, 1)).toBe(1); // 0.5 fen → 1
    expect(areaFeeFen(49, 1)).toBe(0);
    expect(areaFeeFen(8950, 235)).toBe(21033); // 89.50 ㎡ × ¥2.35 = ¥210.325 → ¥210.33
  });

  it('quantity × price rounds half up once, never per unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fen(100_000), (milli, price) => {
        const exact = BigInt(milli) * BigInt(price); // thousandths of a fen
        const fee = BigInt(quantityFeeFen(milli, price));
        expect(fee * 1000n - 500n <= exact && exact < fee * 1000n + 500n).toBe(true);
      }),
    );
    expect(quantityFeeFen(12_345, 350)).toBe(4321); // 12.345 t × ¥3.50 = ¥43.2075 → ¥43.21
  });
});

describe('prorateFen', () => {
  it('stays between 0 and the month, grows with the days, and is the whole month on the last day', () => {
    fc.assert(
      fc.property(fen(), period, fc.nat(), (monthly, p, seed) => {
        const total = daysInPeriod(p);
        const days = seed % (total + 1);
        const part = prorateFen(monthly, days, p);
        expect(part).toBeGreaterThanOrEqual(0);
        expect(part).toBeLessThanOrEqual(monthly);
        if (days < total) expect(prorateFen(monthly, days + 1, p)).toBeGreaterThanOrEqual(part);
        expect(prorateFen(monthly, total, p)).toBe(monthly);
        expect(prorateFen(monthly, 0, p)).toBe(0);
      }),
    );
  });

  it('refuses days outside the month', () => {
    expect(() => prorateFen(100, 32, '2026-01')).toThrow(RangeError);
    expect(() => prorateFen(100, 29, '2026-02')).toThrow(RangeError);
    expect(prorateFen(2900, 29, '2028-02')).toBe(2900);
  });
});

describe('lateFeeFen', () => {
  const rate = fc.integer({ min: 0, max: 1000 });
  const cap = fc.integer({ min: 0, max: 100 });

  it('never exceeds the cap and never goes negative', () => {
    fc.assert(
      fc.property(fen(), rate, fc.integer({ min: -10, max: 5000 }), cap, (principal, r, days, c) => {
        const fee = lateFeeFen(principal, r, days, c);
        expect(fee).toBeGreaterThanOrEqual(0);
        // fee ≤ cap rounded half up  ⇔  100·fee ≤ principal·c + 50
        expect(BigInt(fee) * 100n <= BigInt(principal) * BigInt(c) + 50n).toBe(true);
      }),
    );
  });

  it('is monotonic in the days overdue', () => {
    fc.assert(
      fc.property(
        fen(),
        rate,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 400 }),
        cap,
        (principal, r, days, more, c) => {
          expect(lateFeeFen(principal, r, days + more, c)).toBeGreaterThanOrEqual(lateFeeFen(principal, r, days, c));
        },
      ),
    );
  });

  it('a negative cap is refused instead of turning the fee into a credit (found reviewing the rules)', () => {
    // Before the fix lateFeeFen(10000, 50, 10, -5) returned −500: min(fee, negative cap).
    expect(() => lateFeeFen(10_000, 50, 10, -5)).toThrow(RangeError);
    expect(() => lateFeeFen(10_000, 50, 10, 101)).toThrow(RangeError);
  });

  it('matches the documented example: ¥1000 at 0.05 %/day for 30 days = ¥15, capped at 1 % = ¥10', () => {
    expect(lateFeeFen(100_000, 50, 30, 100)).toBe(1500);
    expect(lateFeeFen(100_000, 50, 30, 1)).toBe(1000);
  });
});

describe('vacancyDiscountFen', () => {
  it('is never more than the fee, and never positive', () => {
    fc.assert(
      fc.property(fen(), fc.integer({ min: 0, max: 100 }), (fee, percent) => {
        const d = vacancyDiscountFen(fee, percent);
        expect(d).toBeLessThanOrEqual(0);
        expect(-d).toBeLessThanOrEqual(fee);
        expect(vacancyDiscountFen(fee, 100)).toBe(0 - fee);
      }),
    );
  });

  it('is +0, not −0, when there is nothing to discount (−0 is not 0 under Object.is, so equal bills would not compare equal)', () => {
    expect(Object.is(vacancyDiscountFen(0, 30), 0)).toBe(true);
    expect(Object.is(vacancyDiscountFen(100, 0), 0)).toBe(true);
  });
});

describe('periods', () => {
  it('addMonths and monthsBetween are inverse', () => {
    fc.assert(
      fc.property(period, fc.integer({ min: -600, max: 600 }), (p, n) => {
        const q = addMonths(p, n);
        expect(monthsBetween(p, q)).toBe(n);
        expect(addMonths(q, -n)).toBe(p);
      }),
    );
  });

  it('refuses fractional months instead of producing a malformed period', () => {
    expect(() => addMonths('2026-01', 1.5)).toThrow(RangeError);
  });
});
