import { TenderMethod, type IHandoverSummary } from '@app/shared';

type Row = IHandoverSummary['cashiers'][number];

const ORDER = Object.values(TenderMethod);

/** The methods that occur on the day, in the fixed order of the contract (one column each). */
export function handoverMethods(rows: readonly Row[]): TenderMethod[] {
  const seen = new Set(rows.flatMap((r) => r.byMethod.map((b) => b.method)));
  return ORDER.filter((m) => seen.has(m));
}

/** The footer: column sums across cashiers, in fen. */
export function handoverTotals(rows: readonly Row[], methods: readonly TenderMethod[]) {
  const byMethod: Partial<Record<TenderMethod, number>> = {};
  for (const m of methods)
    byMethod[m] = rows.reduce((s, r) => s + (r.byMethod.find((b) => b.method === m)?.amountFen ?? 0), 0);
  return {
    byMethod,
    totalFen: rows.reduce((s, r) => s + r.totalFen, 0),
    pendingFen: rows.reduce((s, r) => s + r.pendingApprovalFen, 0),
    refundsFen: rows.reduce((s, r) => s + r.refundsFen, 0),
    receipts: rows.reduce((s, r) => s + r.receiptCount, 0),
  };
}
