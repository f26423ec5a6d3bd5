import { formatMilli } from '@app/shared';

/** Highest meter value accepted: thousandths must fit an INT column. */
export const MAX_METER_MILLI = 1_999_999_999;

export interface ReadingInput {
  readingMilli: number;
  meterChanged: boolean;
  /** The new meter's value when it was fitted (required with meterChanged). */
  startMilli: number | null;
  /** The house's latest earlier reading of the item, or null for its first reading. */
  lastMilli: number | null;
}

export type ReadingOutcome =
  | { ok: true; previousMilli: number; consumptionMilli: number }
  | { ok: false; field: '本期读数' | '新表起始读数' | '换表'; message: string };

/**
 * Consumption = reading − previous. Previous is the latest earlier reading; after a meter change it is the
 * new meter's start value; a house's first reading is its baseline (consumption 0: an unknown starting
 * point must not bill the meter's whole lifetime). A reading below the previous one is refused: it is a typo
 * or a changed meter, and only staff can say which.
 */
export function readingOutcome(input: ReadingInput): ReadingOutcome {
  if (input.meterChanged) {
    if (input.startMilli === null) return { ok: false, field: '新表起始读数', message: '换表时请填写新表起始读数' };
    if (input.readingMilli < input.startMilli) {
      return {
        ok: false,
        field: '本期读数',
        message: `本期读数 ${formatMilli(input.readingMilli)} 低于新表起始读数 ${formatMilli(input.startMilli)}`,
      };
    }
    return { ok: true, previousMilli: input.startMilli, consumptionMilli: input.readingMilli - input.startMilli };
  }
  if (input.startMilli !== null) return { ok: false, field: '换表', message: '只有换表时才填写新表起始读数' };
  if (input.lastMilli === null) return { ok: true, previousMilli: input.readingMilli, consumptionMilli: 0 };
  if (input.readingMilli < input.lastMilli) {
    return {
      ok: false,
      field: '本期读数',
      message: `本期读数 ${formatMilli(input.readingMilli)} 低于上期读数 ${formatMilli(input.lastMilli)}；如已换表，请勾选换表并填写新表起始读数`,
    };
  }
  return { ok: true, previousMilli: input.lastMilli, consumptionMilli: input.readingMilli - input.lastMilli };
}
