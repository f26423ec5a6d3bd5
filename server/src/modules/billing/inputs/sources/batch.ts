import type { EntityManager } from 'typeorm';
import { batchBills as engineBatchBills, insertLineRows, type NewBillLine } from '../../run/batch-rows';
import type { BillBatch } from '../../run/line-source';

/** House id → bill id of the batch's draft bills (the engine's own selection, so reissues work the same). */
export async function batchBills(manager: EntityManager, batch: BillBatch): Promise<Map<number, number>> {
  return new Map((await engineBatchBills(manager, batch)).map((b) => [b.houseId, b.billId]));
}

export type NewLine = NewBillLine;

export const insertLines = (manager: EntityManager, lines: NewLine[]): Promise<void> => insertLineRows(manager, lines);

/** 2000 → "2", 12345 → "12.345": quantities as people write them. */
export function plainMilli(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const frac = String(milli % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}
