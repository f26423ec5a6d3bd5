import { BILL_PAY_STATE_LABELS, BillStatus, formatFen, type IBill, type IMyHouse } from '@app/shared';

/** Bills of one house for the 账单 tab; `bills` newest month first. */
export interface IHouseBills {
  houseId: number;
  houseLabel: string;
  bills: IBill[];
}

/** "2026-11" → "2026年11月". */
export function formatPeriod(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  return match ? `${match[1]}年${Number(match[2])}月` : period;
}

/** What is still to pay on a bill (never negative: an overpayment is not a debt of the resident). */
export function dueFen(bill: IBill): number {
  return Math.max(0, bill.totalFen - bill.paidFen);
}

export function payStateLabel(bill: IBill): string {
  return BILL_PAY_STATE_LABELS[bill.payState] ?? bill.payState;
}

export { formatFen };

/**
 * The resident's bills per house, in the order of the resident's houses (their 我的房屋 order), each house's
 * bills newest month first. Houses without a published bill yet are kept, so the switcher offers them and the
 * page can say that no bill has been published for that house. A voided bill has a reissued one beside it, so
 * only live bills are listed.
 */
export function billsByHouse(bills: readonly IBill[], houses: readonly IMyHouse[]): IHouseBills[] {
  const groups = new Map<number, IHouseBills>();
  for (const house of houses) groups.set(house.houseId, { houseId: house.houseId, houseLabel: house.label, bills: [] });
  for (const bill of bills) {
    if (bill.status === BillStatus.Void) continue;
    let group = groups.get(bill.houseId);
    if (!group) {
      group = { houseId: bill.houseId, houseLabel: bill.houseLabel, bills: [] };
      groups.set(bill.houseId, group);
    }
    group.bills.push(bill);
  }
  for (const group of groups.values())
    group.bills.sort((a, b) => (a.period === b.period ? b.id - a.id : a.period < b.period ? 1 : -1));
  return [...groups.values()];
}

/** Unpaid earlier months of a house, as the server computes it on its newest bill (not added to that bill). */
export function houseArrearsFen(group: IHouseBills): number {
  return group.bills[0]?.arrearsFen ?? 0;
}

/** The home page's 待缴账单: the newest bill with something left to pay, and how many such bills there are in all. */
export function billDue(bills: readonly IBill[]): { bill: IBill; count: number } | null {
  const unpaid = bills.filter((b) => b.status === BillStatus.Published && dueFen(b) > 0);
  if (unpaid.length === 0) return null;
  const newest = unpaid.reduce((a, b) => (b.period > a.period || (b.period === a.period && b.id > a.id) ? b : a));
  return { bill: newest, count: unpaid.length };
}

/** A date for the bill pages: "2026-12-15" stays as is; an instant becomes its day in the phone's time zone. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
