/**
 * Allocation of paid money to open items (docs/payments.md "Allocation"; R12). Pure and exact in integer
 * fen: the server, the cashier desk and prepayment auto-settle all apply these rules, so one payment never
 * lands on an item beyond its balance and every fen paid is accounted for (on items, or left over for the
 * caller to put into the prepayment account or refuse).
 */

/** An open bill or charge as allocation sees it. */
export interface AllocatableItem {
  kind: 'bill' | 'charge';
  id: number;
  /** What can still be paid (≥ 0). */
  balanceFen: number;
  /** Bill published / charge posted (ISO instant); older is paid first, then the lower id, bills before charges. */
  dueSince: string;
}

export interface ItemAllocation<T extends AllocatableItem = AllocatableItem> {
  item: T;
  amountFen: number;
}

export interface AllocationResult<T extends AllocatableItem = AllocatableItem> {
  allocations: ItemAllocation<T>[];
  /** Money that found no open item (all were paid in full): a prepayment top-up if asked, else refused. */
  unallocatedFen: number;
}

const assertFen = (value: number, what: string): void => {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative integer of fen, got ${value}`);
};

/** Oldest first: earlier dueSince, then bills before charges, then the lower id (a total, stable order). */
export function compareOldestFirst(a: AllocatableItem, b: AllocatableItem): number {
  const ta = Date.parse(a.dueSince);
  const tb = Date.parse(b.dueSince);
  if (ta !== tb) return ta - tb;
  if (a.kind !== b.kind) return a.kind === 'bill' ? -1 : 1;
  return a.id - b.id;
}

export function sortOldestFirst<T extends AllocatableItem>(items: readonly T[]): T[] {
  return [...items].sort(compareOldestFirst);
}

/**
 * Applies `amountFen` to the items oldest first, each up to its balance. Σ allocations + unallocated =
 * amount; at most one item (the last one touched) is paid partially; zero-balance items get nothing.
 */
export function allocateOldestFirst<T extends AllocatableItem>(
  items: readonly T[],
  amountFen: number,
): AllocationResult<T> {
  assertFen(amountFen, 'amountFen');
  let rest = amountFen;
  const allocations: ItemAllocation<T>[] = [];
  for (const item of sortOldestFirst(items)) {
    assertFen(item.balanceFen, 'balanceFen');
    if (rest === 0) break;
    const take = Math.min(rest, item.balanceFen);
    if (take > 0) {
      allocations.push({ item, amountFen: take });
      rest -= take;
    }
  }
  return { allocations, unallocatedFen: rest };
}

export interface TenderAllocation<T extends AllocatableItem = AllocatableItem> extends AllocationResult<T> {
  /** Position of the tender in the input. */
  tenderIndex: number;
  amountFen: number;
}

/**
 * Several tenders (cash + transfer …) over the same items: tenders are applied in the order given, each
 * oldest first onto what the earlier tenders left, so together they never exceed any item's balance.
 */
export function allocateTenders<T extends AllocatableItem>(
  items: readonly T[],
  tenders: readonly { amountFen: number }[],
): TenderAllocation<T>[] {
  const remaining = new Map<T, number>(items.map((item) => [item, item.balanceFen]));
  return tenders.map((tender, tenderIndex) => {
    assertFen(tender.amountFen, 'tender amountFen');
    const view = items.map((item) => ({ item, balance: remaining.get(item) ?? 0 }));
    let rest = tender.amountFen;
    const allocations: ItemAllocation<T>[] = [];
    for (const { item } of [...view].sort((a, b) => compareOldestFirst(a.item, b.item))) {
      if (rest === 0) break;
      const balance = remaining.get(item) ?? 0;
      assertFen(balance, 'balanceFen');
      const take = Math.min(rest, balance);
      if (take > 0) {
        allocations.push({ item, amountFen: take });
        remaining.set(item, balance - take);
        rest -= take;
      }
    }
    return { tenderIndex, amountFen: tender.amountFen, allocations, unallocatedFen: rest };
  });
}
