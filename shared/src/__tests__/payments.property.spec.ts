import fc from 'fast-check';
import {
  allocateOldestFirst,
  allocateTenders,
  compareOldestFirst,
  sortOldestFirst,
  type AllocatableItem,
} from '../payments';

/**
 * R12: allocation across bills, charges and tenders. For any open items and any payment: Σ allocated +
 * left over = paid, no item beyond its balance, oldest first (nothing goes to a newer item while an older
 * one still has a balance), left over only when every item is paid in full.
 */

const base = Date.UTC(2026, 0, 1);
const item = fc.record({
  kind: fc.constantFrom<'bill' | 'charge'>('bill', 'charge'),
  id: fc.integer({ min: 1, max: 1_000_000 }),
  balanceFen: fc.integer({ min: 0, max: 5_000_000 }),
  dueSince: fc.integer({ min: 0, max: 400 }).map((d) => new Date(base + d * 86_400_000).toISOString()),
});
// Unique (kind, id): the same bill cannot be listed twice.
const items = fc.uniqueArray(item, { maxLength: 25, selector: (i) => `${i.kind}:${i.id}` });
const amount = fc.integer({ min: 0, max: 150_000_000 });

const totalOf = (xs: readonly AllocatableItem[]) => xs.reduce((s, i) => s + i.balanceFen, 0);

describe('allocateOldestFirst', () => {
  it('accounts for every fen: Σ allocated + unallocated = paid, all integers, none negative or zero', () => {
    fc.assert(
      fc.property(items, amount, (xs, paid) => {
        const r = allocateOldestFirst(xs, paid);
        const allocated = r.allocations.reduce((s, a) => s + a.amountFen, 0);
        expect(allocated + r.unallocatedFen).toBe(paid);
        for (const a of r.allocations) {
          expect(Number.isSafeInteger(a.amountFen)).toBe(true);
          expect(a.amountFen).toBeGreaterThan(0);
        }
        expect(r.unallocatedFen).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('never puts more on an item than its balance, and leaves money over only when everything is paid', () => {
    fc.assert(
      fc.property(items, amount, (xs, paid) => {
        const r = allocateOldestFirst(xs, paid);
        for (const a of r.allocations) expect(a.amountFen).toBeLessThanOrEqual(a.item.balanceFen);
        expect(r.unallocatedFen).toBe(Math.max(0, paid - totalOf(xs)));
      }),
    );
  });

  it('pays oldest first: every item older than the last one touched is paid in full, none newer gets anything', () => {
    fc.assert(
      fc.property(items, amount, (xs, paid) => {
        const r = allocateOldestFirst(xs, paid);
        const got = new Map(r.allocations.map((a) => [a.item, a.amountFen]));
        const ordered = sortOldestFirst(xs).filter((i) => i.balanceFen > 0);
        let seenPartial = false;
        for (const i of ordered) {
          const amountOn = got.get(i) ?? 0;
          if (seenPartial) expect(amountOn).toBe(0);
          else if (amountOn < i.balanceFen) seenPartial = true;
        }
        // The allocations come out in that order too.
        for (let k = 1; k < r.allocations.length; k++)
          expect(compareOldestFirst(r.allocations[k - 1].item, r.allocations[k].item)).toBeLessThan(0);
      }),
    );
  });

  it('rejects fractions and negative amounts rather than rounding them', () => {
    expect(() => allocateOldestFirst([], 1.5)).toThrow(RangeError);
    expect(() => allocateOldestFirst([], -1)).toThrow(RangeError);
    expect(() =>
      allocateOldestFirst([{ kind: 'bill', id: 1, balanceFen: -3, dueSince: new Date(base).toISOString() }], 5),
    ).toThrow(RangeError);
  });

  it('example: 2026-10 bill 300.00, a charge 50.00, 2026-11 bill 300.00; 500.00 paid → 300 + 50 + 150', () => {
    const r = allocateOldestFirst(
      [
        { kind: 'bill', id: 9, balanceFen: 30000, dueSince: '2026-11-01T00:00:00.000Z' },
        { kind: 'bill', id: 4, balanceFen: 30000, dueSince: '2026-10-01T00:00:00.000Z' },
        { kind: 'charge', id: 2, balanceFen: 5000, dueSince: '2026-10-15T00:00:00.000Z' },
      ],
      50000,
    );
    expect(r.allocations.map((a) => [a.item.kind, a.item.id, a.amountFen])).toEqual([
      ['bill', 4, 30000],
      ['charge', 2, 5000],
      ['bill', 9, 15000],
    ]);
    expect(r.unallocatedFen).toBe(0);
  });
});

describe('allocateTenders', () => {
  const tenders = fc.array(fc.record({ amountFen: fc.integer({ min: 0, max: 30_000_000 }) }), { maxLength: 6 });

  it("each tender is fully accounted for, and together they never exceed any item's balance", () => {
    fc.assert(
      fc.property(items, tenders, (xs, ts) => {
        const r = allocateTenders(xs, ts);
        expect(r).toHaveLength(ts.length);
        const onItem = new Map<AllocatableItem, number>();
        r.forEach((t, k) => {
          expect(t.tenderIndex).toBe(k);
          expect(t.allocations.reduce((s, a) => s + a.amountFen, 0) + t.unallocatedFen).toBe(ts[k].amountFen);
          for (const a of t.allocations) onItem.set(a.item, (onItem.get(a.item) ?? 0) + a.amountFen);
        });
        for (const [i, total] of onItem) expect(total).toBeLessThanOrEqual(i.balanceFen);
        const paid = ts.reduce((s, t) => s + t.amountFen, 0);
        const left = r.reduce((s, t) => s + t.unallocatedFen, 0);
        expect(left).toBe(Math.max(0, paid - totalOf(xs)));
      }),
    );
  });

  it('split tenders land on the items exactly like one payment of their sum (oldest first across methods)', () => {
    fc.assert(
      fc.property(items, tenders, (xs, ts) => {
        const split = new Map<AllocatableItem, number>();
        for (const t of allocateTenders(xs, ts))
          for (const a of t.allocations) split.set(a.item, (split.get(a.item) ?? 0) + a.amountFen);
        const whole = allocateOldestFirst(
          xs,
          ts.reduce((s, t) => s + t.amountFen, 0),
        );
        expect(new Map(whole.allocations.map((a) => [a.item, a.amountFen]))).toEqual(split);
      }),
    );
  });
});
