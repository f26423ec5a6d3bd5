/**
 * Prepayment offers and invoice titles (docs/prepay-invoices.md): pure rules shared by the server, the
 * console and the mini-program. Money is integer fen.
 */

import { addMonths, isPeriod } from './billing';
import { isCalendarDate } from './proration';

/** Offer limits: a prepay offer covers 1–36 paid months and gives 0–12 free ones. */
export const PREPAY_OFFER_LIMITS = { maxPayMonths: 36, maxFreeMonths: 12 } as const;

/**
 * What a prepay offer gives a house whose monthly property fee is `monthlyFeeFen`: the resident pays
 * `payMonths` months and `freeMonths` months are credited on top as a separate bonus line. Both are whole
 * months of the same fee, so there is no rounding: the discount is exactly freeMonths / (payMonths + freeMonths)
 * of what the covered months would cost.
 */
export function prepayOfferQuote(
  monthlyFeeFen: number,
  payMonths: number,
  freeMonths: number,
): { payFen: number; bonusFen: number } {
  if (!Number.isSafeInteger(monthlyFeeFen) || monthlyFeeFen < 0)
    throw new RangeError('monthlyFeeFen must be a non-negative integer');
  if (!Number.isInteger(payMonths) || payMonths < 1 || payMonths > PREPAY_OFFER_LIMITS.maxPayMonths)
    throw new RangeError('payMonths out of range');
  if (!Number.isInteger(freeMonths) || freeMonths < 0 || freeMonths > PREPAY_OFFER_LIMITS.maxFreeMonths)
    throw new RangeError('freeMonths out of range');
  return { payFen: monthlyFeeFen * payMonths, bonusFen: monthlyFeeFen * freeMonths };
}

/**
 * The first month a prepay quote prices (docs/billing.md "Proration", docs/prepay-invoices.md "Offers"): the
 * first month, from `currentPeriod` on, that the house is billed IN FULL given its 计费起始日. Before the start
 * month there is no property fee to prepay, and the start month itself is prorated unless the start is the 1st,
 * so "12 months" are 12 whole months from here — what 12 of its bills will charge at the quoted price.
 */
export function prepayFirstFullMonth(currentPeriod: string, billingStartDate: string | null): string {
  if (!isPeriod(currentPeriod)) throw new RangeError(`not a period: ${currentPeriod}`);
  if (billingStartDate === null) return currentPeriod;
  if (!isCalendarDate(billingStartDate)) throw new RangeError(`not a date: ${billingStartDate}`);
  const month = billingStartDate.slice(0, 7);
  const first = billingStartDate.endsWith('-01') ? month : addMonths(month, 1);
  return first > currentPeriod ? first : currentPeriod;
}

/** An offer applies on `day` (YYYY-MM-DD) when active and within its validity (inclusive). */
export function prepayOfferApplies(
  offer: { active: boolean; validFrom: string; validTo: string | null },
  day: string,
): boolean {
  return offer.active && offer.validFrom <= day && (offer.validTo === null || day <= offer.validTo);
}

/**
 * 纳税人识别号 / 统一社会信用代码: 15, 18 or 20 characters of digits and capital letters. Returns the
 * Chinese message to show, or null when valid. (The 18-character credit code's check digit is not verified:
 * older 15/20-character tax ids have none, and the tax office validates it when issuing.)
 */
export function taxIdProblem(taxId: string): string | null {
  if (![15, 18, 20].includes(taxId.length)) return '纳税人识别号应为 15、18 或 20 位';
  if (!/^[0-9A-Z]+$/.test(taxId)) return '纳税人识别号只能包含数字和大写字母';
  return null;
}
