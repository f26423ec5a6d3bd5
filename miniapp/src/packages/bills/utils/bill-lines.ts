import { BillLineKind, formatFen, type IBillDetail, type IBillLine } from '@app/shared';

/** A section of the bill: lines of related kinds with their subtotal. */
export interface ILineGroup {
  key: string;
  title: string;
  lines: IBillLine[];
  /** Σ of the group's owed lines (waived late fees are listed, not owed). */
  subtotalFen: number;
}

/** The order residents read a property bill in: the fee itself, other monthly items, meters, 公摊, services, then corrections. */
const GROUPS: { key: string; title: string; kinds: readonly string[] }[] = [
  { key: 'property', title: '物业服务费', kinds: [BillLineKind.PropertyFee] },
  { key: 'monthly', title: '其他月度费用', kinds: [BillLineKind.Fixed, BillLineKind.PerSpace] },
  { key: 'metered', title: '抄表费用', kinds: [BillLineKind.Metered] },
  { key: 'shared', title: '公摊费用', kinds: [BillLineKind.Shared] },
  { key: 'charge', title: '特约服务', kinds: [BillLineKind.Charge] },
  { key: 'discount', title: '优惠', kinds: [BillLineKind.VacancyDiscount] },
  { key: 'late', title: '滞纳金', kinds: [BillLineKind.LateFee] },
  { key: 'adjustment', title: '调整', kinds: [BillLineKind.Adjustment] },
];

/** A line that counts towards the total: everything except a waived late fee. */
export function owedFen(line: IBillLine): number {
  return line.waived ? 0 : line.amountFen;
}

/**
 * The bill's lines in sections, in the server's line order within each. A kind this page does not know yet
 * still shows (under 其他), so the lines on screen always add up to the total.
 */
export function groupLines(lines: readonly IBillLine[]): ILineGroup[] {
  const known = new Set(GROUPS.flatMap((g) => g.kinds));
  const sections = [...GROUPS, { key: 'other', title: '其他', kinds: [] as readonly string[] }];
  return sections
    .map(({ key, title, kinds }) => {
      const own = lines.filter((l) => (key === 'other' ? !known.has(l.kind) : kinds.includes(l.kind)));
      return { key, title, lines: own, subtotalFen: own.reduce((sum, l) => sum + owedFen(l), 0) };
    })
    .filter((g) => g.lines.length > 0);
}

/** Σ owed lines — the bill's total by definition; the page shows the server's total and checks it against this. */
export function linesTotalFen(lines: readonly IBillLine[]): number {
  return lines.reduce((sum, l) => sum + owedFen(l), 0);
}

/** Earlier months still owed, oldest first: listed under the bill, never added to it. */
export function arrearsRows(bill: IBillDetail): IBillDetail['arrears'] {
  return [...bill.arrears].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

/** How the amount came about, e.g. "89.50 ㎡ × ¥2.35"; the quantity alone when the line has no unit price. */
export function lineBasis(line: IBillLine): string {
  const parts = [line.quantityText, line.unitPriceFen === null ? '' : formatFen(line.unitPriceFen)].filter(Boolean);
  return parts.join(' × ');
}

/**
 * Lines the resident may pick to pay on their own: owed and positive, on a bill nothing has been paid on yet (the
 * bill keeps one paid amount, not a paid mark per line, so after a first payment the rest is paid as a whole).
 */
export function choosableLines(bill: IBillDetail): IBillLine[] {
  if (bill.status !== 'published' || bill.paidFen > 0) return [];
  return bill.lines.filter((l) => owedFen(l) > 0);
}

/**
 * What paying the chosen lines costs: Σ of those lines, never more than the bill's balance (discounts and other
 * negative lines are deducted when the bill is settled, so picking every positive line costs the balance).
 */
export function chosenFen(bill: IBillDetail, lineIds: ReadonlySet<number>): number {
  const balance = Math.max(0, bill.totalFen - bill.paidFen);
  const sum = choosableLines(bill)
    .filter((l) => lineIds.has(l.id))
    .reduce((s, l) => s + owedFen(l), 0);
  return Math.min(balance, sum);
}

/** The pay target: the whole bill, or the chosen lines unless they are all of them (then it is the whole bill). */
export function billTarget(
  bill: IBillDetail,
  lineIds: ReadonlySet<number> | null,
): { kind: 'bill'; id: number; lineIds?: number[] } {
  const choosable = choosableLines(bill).map((l) => l.id);
  if (!lineIds || choosable.every((id) => lineIds.has(id))) return { kind: 'bill', id: bill.id };
  return { kind: 'bill', id: bill.id, lineIds: choosable.filter((id) => lineIds.has(id)) };
}
