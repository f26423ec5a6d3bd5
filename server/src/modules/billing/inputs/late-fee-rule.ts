import { addMonths, lateFeeFen } from '@app/shared';

/**
 * 滞纳金, incremental (docs/billing.md "Late fees"). For an overdue published bill B of month Q and the run
 * of month P (> Q):
 *   start    = max(last day of Q + graceDays, the day before the first day of `enabledFrom`)
 *   days     = max(0, last day of P − start)                     (calendar days, Asia/Shanghai months)
 *   owed     = max(0, principal(B) − paid(B))                    (principal excludes B's own late-fee lines)
 *   accrued  = lateFeeFen(owed, dailyRatePer100k, days, capPercent)   (rounded once, capped at cap % of owed)
 *   line     = max(0, accrued − Σ late-fee lines already charged for B's month on the house's live bills,
 *                  waived ones included)
 * So every day is charged at most once (the earlier lines are subtracted), a waived fee is never charged
 * again, and the lines for one overdue bill never add up to more than the cap of its principal.
 */
export interface OverdueBill {
  period: string;
  principalFen: number;
  paidFen: number;
  /** Late-fee lines already on the house's live bills for this overdue month (waived included). */
  chargedFen: number;
}

export interface LateFeeTerms {
  graceDays: number;
  dailyRatePer100k: number;
  capPercent: number;
  /** Month the policy was (last) switched on; days before it never accrue. */
  enabledFrom: string;
}

export const LATE_FEE_DEFAULTS = {
  enabled: false,
  graceDays: 30,
  dailyRatePer100k: 50,
  capPercent: 10,
  vacancyDiscountPercent: 0,
} as const;

/** The policy's sane bounds: at most 0.1 % a day, capped at 30 % of the principal (courts cut higher ones). */
export const LATE_FEE_BOUNDS = {
  graceDays: { min: 0, max: 365 },
  dailyRatePer100k: { min: 1, max: 100 },
  capPercent: { min: 1, max: 30 },
  vacancyDiscountPercent: { min: 0, max: 100 },
} as const;

const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of the last day of a "YYYY-MM" month. */
export function lastDayNumber(period: string): number {
  const [y, m] = period.split('-').map(Number);
  return Date.UTC(y, m, 0) / DAY_MS;
}

export function overdueDays(
  billPeriod: string,
  runPeriod: string,
  terms: Pick<LateFeeTerms, 'graceDays' | 'enabledFrom'>,
): number {
  const start = Math.max(lastDayNumber(billPeriod) + terms.graceDays, lastDayNumber(addMonths(terms.enabledFrom, -1)));
  return Math.max(0, lastDayNumber(runPeriod) - start);
}

export function lateFeeIncrement(
  bill: OverdueBill,
  runPeriod: string,
  terms: LateFeeTerms,
): { days: number; accruedFen: number; lineFen: number } {
  const days = overdueDays(bill.period, runPeriod, terms);
  const owed = Math.max(0, bill.principalFen - bill.paidFen);
  const accruedFen = lateFeeFen(owed, terms.dailyRatePer100k, days, terms.capPercent);
  return { days, accruedFen, lineFen: Math.max(0, accruedFen - bill.chargedFen) };
}
