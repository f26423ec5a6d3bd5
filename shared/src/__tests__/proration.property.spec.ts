import fc from 'fast-check';
import { chargeLineName, daysInPeriod, prorateFen } from '../billing';
import { billableDays, isCalendarDate, prorateSegmentsFen, proratedLineName } from '../proration';

/**
 * R12 for 按天折算 (docs/billing.md "Proration"): the split of a month over segments adds up exactly to the
 * single allocation, no part exceeds the whole, and billable days follow the 计费起始日. Exact ratios are
 * compared in BigInt so the oracle never rounds.
 */

const fen = (max = 1_000_000_000) => fc.integer({ min: 0, max });
const period = fc
  .tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
/** A month and a split of some of its days into 1…6 segments (days may be 0). */
const split = period.chain((p) =>
  fc.array(fc.nat({ max: daysInPeriod(p) }), { minLength: 1, maxLength: 6 }).map((cuts) => {
    const total = daysInPeriod(p);
    const points = [...cuts].sort((a, b) => a - b);
    const days = points.map((x, i) => x - (i ? points[i - 1] : 0));
    return { p, total, days };
  }),
);
const halfUp = (num: bigint, den: bigint) => (num * 2n + den) / (2n * den);

describe('prorateSegmentsFen', () => {
  it('sums exactly to the single allocation round(Σ price × days / month) for any prices', () => {
    fc.assert(
      fc.property(split, fc.array(fen(), { minLength: 6, maxLength: 6 }), ({ p, total, days }, prices) => {
        const segments = days.map((d, i) => ({ monthlyFen: prices[i], days: d }));
        const parts = prorateSegmentsFen(segments, p);
        const exact = segments.reduce((s, x) => s + BigInt(x.monthlyFen) * BigInt(x.days), 0n);
        expect(BigInt(parts.reduce((a, b) => a + b, 0))).toBe(halfUp(exact, BigInt(total)));
        // Every part is between 0 and the whole, and within 1.5 fen of its exact share (≤ ½ fen from rounding the
        // whole once, < 1 fen from the largest-remainder split).
        const whole = parts.reduce((a, b) => a + b, 0);
        parts.forEach((part, i) => {
          expect(part).toBeGreaterThanOrEqual(0);
          expect(part).toBeLessThanOrEqual(whole);
          const share = BigInt(prices[i]) * BigInt(days[i]);
          const diff = BigInt(part) * BigInt(total) - share;
          expect((diff < 0n ? -diff : diff) * 2n < 3n * BigInt(total)).toBe(true);
        });
      }),
    );
  });

  it('an unchanged price split anywhere sums to exactly prorateFen of the days (the whole month when it covers it)', () => {
    fc.assert(
      fc.property(split, fen(), ({ p, total, days }, price) => {
        const parts = prorateSegmentsFen(
          days.map((d) => ({ monthlyFen: price, days: d })),
          p,
        );
        const covered = days.reduce((a, b) => a + b, 0);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(prorateFen(price, covered, p));
        expect(
          prorateSegmentsFen(
            [
              { monthlyFen: price, days: total - 10 },
              { monthlyFen: price, days: 10 },
            ],
            p,
          ).reduce((a, b) => a + b, 0),
        ).toBe(price);
      }),
    );
  });

  it('gives 0 for 0 days and the whole for a full month of one price', () => {
    fc.assert(
      fc.property(period, fen(), (p, price) => {
        expect(prorateSegmentsFen([{ monthlyFen: price, days: 0 }], p)).toEqual([0]);
        expect(prorateSegmentsFen([{ monthlyFen: price, days: daysInPeriod(p) }], p)).toEqual([price]);
      }),
    );
  });

  it('is monotone in days: one more day never lowers the amount', () => {
    fc.assert(
      fc.property(period, fen(), fc.nat(), (p, price, seed) => {
        const total = daysInPeriod(p);
        const days = seed % total;
        const [less] = prorateSegmentsFen([{ monthlyFen: price, days }], p);
        const [more] = prorateSegmentsFen([{ monthlyFen: price, days: days + 1 }], p);
        expect(more).toBeGreaterThanOrEqual(less);
        expect(less).toBe(prorateFen(price, days, p));
      }),
    );
  });

  it('refuses more days than the month, negative prices and fractional days', () => {
    expect(() =>
      prorateSegmentsFen(
        [
          { monthlyFen: 100, days: 20 },
          { monthlyFen: 100, days: 11 },
        ],
        '2026-11',
      ),
    ).toThrow(RangeError);
    expect(() => prorateSegmentsFen([{ monthlyFen: -1, days: 1 }], '2026-11')).toThrow(RangeError);
    expect(() => prorateSegmentsFen([{ monthlyFen: 1, days: 1.5 }], '2026-11')).toThrow(RangeError);
  });
});

describe('billableDays', () => {
  const dateIn = (p: string, day: number) => `${p}-${String(day).padStart(2, '0')}`;

  it('counts the start day to the month end; earlier starts bill the whole month, later ones nothing', () => {
    fc.assert(
      fc.property(period, fc.nat(), (p, seed) => {
        const total = daysInPeriod(p);
        const day = (seed % total) + 1;
        expect(billableDays(p, dateIn(p, day))).toBe(total - day + 1);
        expect(billableDays(p, null)).toBe(total);
        expect(billableDays(p, `${Number(p.slice(0, 4)) - 1}-12-31`)).toBe(total);
        expect(billableDays(p, `${Number(p.slice(0, 4)) + 1}-01-01`)).toBe(0);
        // Monotone: a later start never bills more days.
        if (day < total) expect(billableDays(p, dateIn(p, day + 1))).toBeLessThan(billableDays(p, dateIn(p, day)));
      }),
    );
  });

  it('matches the documented example and refuses dates that do not exist', () => {
    expect(billableDays('2026-11', '2026-11-15')).toBe(16);
    expect(billableDays('2026-11', '2026-11-01')).toBe(30);
    expect(billableDays('2028-02', '2028-02-29')).toBe(1);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(() => billableDays('2026-02', '2026-02-30')).toThrow(RangeError);
  });
});

describe('line names', () => {
  it('prorated lines name the start day and the days; whole months keep the item name', () => {
    expect(proratedLineName('物业服务费', '2026-11', '2026-11-15')).toBe('物业服务费（11月15日起计，16/30天）');
    expect(proratedLineName('物业服务费', '2026-12', '2026-11-15')).toBe('物业服务费');
    expect(proratedLineName('物业服务费', '2026-11', '2026-11-01')).toBe('物业服务费');
    expect(proratedLineName('物业服务费', '2026-11', null)).toBe('物业服务费');
  });

  it('charge lines say what was done and carry the ticket serial', () => {
    expect(chargeLineName('马桶疏通', 2, 'GD-202611-0012')).toBe('特约服务：马桶疏通 等2项（GD-202611-0012）');
    expect(chargeLineName('马桶疏通', 1, 'GD-202611-0012')).toBe('特约服务：马桶疏通（GD-202611-0012）');
    expect(chargeLineName(null, 0, 'GD-202611-0012')).toBe('特约服务（GD-202611-0012）');
    expect(chargeLineName('马桶疏通', 1, null)).toBe('特约服务：马桶疏通');
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.integer({ min: 0, max: 999 }),
        fc.string({ maxLength: 32 }),
        (item, n, serial) => {
          const name = chargeLineName(item, n, serial);
          expect(name.length).toBeLessThanOrEqual(80);
          expect(name.endsWith(`（${serial}）`)).toBe(true);
        },
      ),
    );
  });
});
