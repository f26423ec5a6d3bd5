import type { EntityManager } from 'typeorm';
import { BillStatus } from '@app/shared';
import { Bill, BillLine } from '../../billing.entity';
import type { BillBatch } from '../../run/line-source';

/** House id → bill id of the batch's draft bills (written by the engine before the sources run). */
export async function batchBills(manager: EntityManager, batch: BillBatch): Promise<Map<number, number>> {
  const rows = await manager.getRepository(Bill).createQueryBuilder('b').select(['b.id AS id', 'b.house_id AS house_id'])
    .where('b.run_id = :runId AND b.house_id BETWEEN :from AND :to AND b.status = :draft', {
      runId: batch.runId, from: batch.houseIdFrom, to: batch.houseIdTo, draft: BillStatus.Draft,
    }).getRawMany<{ id: number; house_id: number }>();
  return new Map(rows.map((r) => [Number(r.house_id), Number(r.id)]));
}

export type NewLine = Pick<BillLine, 'billId' | 'houseId' | 'period' | 'kind' | 'itemCode' | 'name' | 'quantityText' | 'unitPriceFen' | 'amountFen' | 'sortOrder'>;

/** Multi-row inserts of 500; the engine's transaction makes the batch all-or-nothing. */
export async function insertLines(manager: EntityManager, lines: NewLine[]): Promise<void> {
  const rows = lines.map((l) => ({ ...l, chargeId: null, billedChargeId: null, ticketId: null, ticketSerial: null, waived: false }));
  for (let i = 0; i < rows.length; i += 500) await manager.getRepository(BillLine).insert(rows.slice(i, i + 500));
}

/** 2000 → "2", 12345 → "12.345": quantities as people write them. */
export function plainMilli(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const frac = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}
