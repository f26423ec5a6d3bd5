import fc from 'fast-check';
import { addMonths, lateFeeFen } from '@app/shared';
import { lateFeeIncrement, overdueDays } from './late-fee-rule';

describe('late-fee rule (docs/billing.md "Late fees")', () => {
  const terms = { graceDays: 0, dailyRatePer100k: 50, capPercent: 10, enabledFrom: '2025-01' };

  it('counts calendar days from the due date (period end + grace) to the end of the run month', () => {
    expect(overdueDays('2025-03', '2025-04', terms)).toBe(30);
    expect(overdueDays('2025-03', '2025-05', terms)).toBe(61);
    expect(overdueDays('2025-03', '2025-04', { ...terms, graceDays: 15 })).toBe(15);
    expect(overdueDays('2025-03', '2025-04', { ...terms, graceDays: 30 })).toBe(0);
    expect(overdueDays('2024-01', '2024-03', { ...terms, enabledFrom: '2020-01' })).toBe(60); // 29 Feb + 31 Mar
  });

  it('never counts days before the month the fee was switched on', () => {
    expect(overdueDays('2025-03', '2025-06', { ...terms, enabledFrom: '2025-06' })).toBe(30);
    expect(overdueDays('2025-03', '2025-06', { ...terms, enabledFrom: '2025-07' })).toBe(0);
  });

  it('charges every day once: the increments of consecutive months add up to the accrued fee, within the cap', () => {
    const month = fc
      .tuple(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        month,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 36 }),
        (period, principal, grace, rate, cap, months) => {
          const t = { graceDays: grace, dailyRatePer100k: rate, capPercent: cap, enabledFrom: '2019-01' };
          let charged = 0;
          for (let i = 1; i <= months; i++) {
            const run = addMonths(period, i);
            const { accruedFen, lineFen } = lateFeeIncrement(
              { period, principalFen: principal, paidFen: 0, chargedFen: charged },
              run,
              t,
            );
            expect(lineFen).toBeGreaterThanOrEqual(0);
            // Waived or not, a charged line counts as charged (the source sums waived lines too).
            charged += lineFen;
            expect(charged).toBe(accruedFen);
          }
          expect(BigInt(charged) * 100n <= BigInt(principal) * BigInt(cap) + 50n).toBe(true);
        },
      ),
    );
  });

  it('a payment lowers the owed principal; it never turns into a negative line', () => {
    const first = lateFeeIncrement(
      { period: '2025-03', principalFen: 100_000, paidFen: 0, chargedFen: 0 },
      '2025-05',
      terms,
    );
    expect(first.lineFen).toBe(lateFeeFen(100_000, 50, 61, 10));
    const paidMost = lateFeeIncrement(
      { period: '2025-03', principalFen: 100_000, paidFen: 90_000, chargedFen: first.lineFen },
      '2025-06',
      terms,
    );
    expect(paidMost.lineFen).toBe(0);
    const paidAll = lateFeeIncrement(
      { period: '2025-03', principalFen: 100_000, paidFen: 100_000, chargedFen: 0 },
      '2025-06',
      terms,
    );
    expect(paidAll).toMatchObject({ accruedFen: 0, lineFen: 0 });
  });
});
