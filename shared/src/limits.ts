/**
 * Upper bounds on amounts and quantities people type (R14). Every bound here is far above anything a
 * residential property company charges, and far below what the INT money columns hold (2,147,483,647
 * fen ≈ ¥21.4 million), so a typo (an extra 000) is refused with a 422 naming the field instead of being
 * stored — or failing with "Out of range" on MariaDB. The server validates with them; the apps may use
 * them to limit their inputs.
 */
export const LIMITS = {
  /** One schedule or material price (fee item labour price, call-out fee, material price): ¥100,000. */
  unitPriceFen: 10_000_000,
  /** Quantity of one quote or counter-sale line, in thousandths of a unit: 10,000 units. */
  lineQuantityMilli: 10_000_000,
  /** A repair quote (and so a ticket charge): ¥100,000. Beyond this it is a construction contract, not a repair. */
  quoteTotalFen: 10_000_000,
  /** One counter sale (打字复印 and desk items): ¥10,000. */
  counterSaleTotalFen: 1_000_000,
  /** Compensation recorded for damage caused during a repair: ¥100,000. */
  compensationFen: 10_000_000,
  /** Company setting: cash a technician may collect on one charge: ¥500 (cash is for small amounts). */
  cashLimitFen: 50_000,
  /** Company setting: what one project manager may waive in a month: ¥2,000. */
  waiverMonthlyCapFen: 200_000,
  /** Sort order of schedule rows. */
  sortOrder: 9_999,
  /** Database ids are INT; a larger id cannot exist. */
  entityId: 2_147_483_647,
} as const;
