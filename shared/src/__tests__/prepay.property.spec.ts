import fc from 'fast-check';
import { addMonths, daysInPeriod } from '../billing';
import {
  PREPAY_OFFER_LIMITS,
  prepayFirstFullMonth,
  prepayOfferApplies,
  prepayOfferQuote,
  taxIdProblem,
} from '../prepay';
import { billableDays } from '../proration';

/** R12: prepay-offer discount math holds for any fee and any offer, compared with an exact BigInt oracle. */
const fee = fc.integer({ min: 0, max: 100_000_000 });
const payMonths = fc.integer({ min: 1, max: PREPAY_OFFER_LIMITS.maxPayMonths });
const freeMonths = fc.integer({ min: 0, max: PREPAY_OFFER_LIMITS.maxFreeMonths });

describe('prepayOfferQuote', () => {
  it('pays exactly payMonths months and credits exactly freeMonths months, in whole fen', () => {
    fc.assert(
      fc.property(fee, payMonths, freeMonths, (m, p, f) => {
        const q = prepayOfferQuote(m, p, f);
        expect(Number.isSafeInteger(q.payFen) && Number.isSafeInteger(q.bonusFen)).toBe(true);
        expect(BigInt(q.payFen)).toBe(BigInt(m) * BigInt(p));
        expect(BigInt(q.bonusFen)).toBe(BigInt(m) * BigInt(f));
      }),
    );
  });

  it('credits the months paid plus the free ones: the account receives (p + f) months for p months of money', () => {
    fc.assert(
      fc.property(fee, payMonths, freeMonths, (m, p, f) => {
        const q = prepayOfferQuote(m, p, f);
        expect(q.payFen + q.bonusFen).toBe(m * (p + f));
        // The effective discount is exactly f / (p + f) of the covered months: bonus·(p+f) = credited·f.
        expect(BigInt(q.bonusFen) * BigInt(p + f)).toBe(BigInt(q.payFen + q.bonusFen) * BigInt(f));
      }),
    );
  });

  it('never gives a bonus larger than what was paid when free months do not exceed paid ones', () => {
    fc.assert(
      fc.property(fee, payMonths, freeMonths, (m, p, f) => {
        fc.pre(f <= p);
        const q = prepayOfferQuote(m, p, f);
        expect(q.bonusFen).toBeLessThanOrEqual(q.payFen);
      }),
    );
  });

  it('is monotonic: a higher fee never lowers the price or the bonus', () => {
    fc.assert(
      fc.property(fee, fee, payMonths, freeMonths, (a, b, p, f) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(prepayOfferQuote(lo, p, f).payFen).toBeLessThanOrEqual(prepayOfferQuote(hi, p, f).payFen);
        expect(prepayOfferQuote(lo, p, f).bonusFen).toBeLessThanOrEqual(prepayOfferQuote(hi, p, f).bonusFen);
      }),
    );
  });

  it('rejects fractional or out-of-range inputs', () => {
    expect(() => prepayOfferQuote(1.5, 12, 1)).toThrow(RangeError);
    expect(() => prepayOfferQuote(100, 0, 1)).toThrow(RangeError);
    expect(() => prepayOfferQuote(100, 12, -1)).toThrow(RangeError);
    expect(() => prepayOfferQuote(100, PREPAY_OFFER_LIMITS.maxPayMonths + 1, 0)).toThrow(RangeError);
  });
});

describe('prepayOfferApplies', () => {
  it('is inclusive at both ends and never applies when inactive', () => {
    const offer = { active: true, validFrom: '2026-01-01', validTo: '2026-12-31' };
    expect(prepayOfferApplies(offer, '2026-01-01')).toBe(true);
    expect(prepayOfferApplies(offer, '2026-12-31')).toBe(true);
    expect(prepayOfferApplies(offer, '2025-12-31')).toBe(false);
    expect(prepayOfferApplies(offer, '2027-01-01')).toBe(false);
    expect(prepayOfferApplies({ ...offer, validTo: null }, '2099-01-01')).toBe(true);
    expect(prepayOfferApplies({ ...offer, active: false }, '2026-06-01')).toBe(false);
  });
});

describe('taxIdProblem', () => {
  it('accepts 15, 18 and 20 characters of digits and capitals only', () => {
    fc.assert(
      fc.property(fc.constantFrom(15, 18, 20), fc.integer({ min: 0, max: 2 ** 31 }), (len, seed) => {
        const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
        const id = Array.from({ length: len }, (_, i) => chars[(seed + i * 7) % chars.length]).join('');
        expect(taxIdProblem(id)).toBeNull();
      }),
    );
    expect(taxIdProblem('91310000MA1FL8XQ3X')).toBeNull();
    expect(taxIdProblem('9131000MA1FL8XQ3')).toBe('纳税人识别号应为 15、18 或 20 位');
    expect(taxIdProblem('91310000ma1fl8xq3x')).toBe('纳税人识别号只能包含数字和大写字母');
  });
});

describe('prepayFirstFullMonth', () => {
  const period = fc
    .record({ y: fc.integer({ min: 2020, max: 2040 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);
  const date = fc
    .tuple(period, fc.integer({ min: 1, max: 31 }))
    .map(([p, d]) => `${p}-${String(Math.min(d, daysInPeriod(p))).padStart(2, '0')}`);

  it('is the first month from now that bills are whole: never earlier than now, whole, and the month before is not', () => {
    fc.assert(
      fc.property(period, fc.option(date, { nil: null }), (now, start) => {
        const first = prepayFirstFullMonth(now, start);
        expect(first >= now).toBe(true);
        expect(billableDays(first, start)).toBe(daysInPeriod(first));
        if (first > now)
          expect(billableDays(addMonths(first, -1), start)).toBeLessThan(daysInPeriod(addMonths(first, -1)));
      }),
    );
  });

  it('examples: no date or an earlier one → now; the 1st → that month; mid-month → the month after', () => {
    expect(prepayFirstFullMonth('2026-12', null)).toBe('2026-12');
    expect(prepayFirstFullMonth('2026-12', '2026-11-15')).toBe('2026-12');
    expect(prepayFirstFullMonth('2026-12', '2026-12-01')).toBe('2026-12');
    expect(prepayFirstFullMonth('2026-12', '2026-12-02')).toBe('2027-01');
    expect(prepayFirstFullMonth('2026-12', '2027-03-01')).toBe('2027-03');
    expect(prepayFirstFullMonth('2026-12', '2027-03-31')).toBe('2027-04');
    expect(() => prepayFirstFullMonth('2026-12', '2027-02-30')).toThrow(RangeError);
  });
});
