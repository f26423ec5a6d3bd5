import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Bill, BillLine } from '../billing.entity';

/** Lines in the one order a bill is shown and hashed in (never insertion order or ids). */
export function canonicalLineOrder(a: BillLine, b: BillLine): number {
  return a.sortOrder - b.sortOrder
    || cmp(a.kind, b.kind) || cmp(a.itemCode ?? '', b.itemCode ?? '') || (a.chargeId ?? 0) - (b.chargeId ?? 0)
    || a.amountFen - b.amountFen || cmp(a.name, b.name) || a.id - b.id;
}

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Sha-256 of what the bill says: house, month, total and its lines in canonical order. No ids of bills or
 * lines, no run id, no timestamps — so a resumed run and an uninterrupted one hash equal (R4).
 */
export function contentHash(bill: Pick<Bill, 'houseId' | 'period' | 'totalFen'>, lines: BillLine[]): string {
  const canonical = {
    houseId: bill.houseId,
    period: bill.period,
    totalFen: bill.totalFen,
    lines: [...lines].sort(canonicalLineOrder).map((l) => [
      l.kind, l.itemCode, l.name, l.quantityText, l.unitPriceFen, l.amountFen, l.chargeId, l.ticketId, l.ticketSerial, Boolean(l.waived), l.sortOrder,
    ]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Recomputes total (Σ non-waived lines) and hash of the given bills, inside the caller's transaction. */
export async function settleBills(manager: EntityManager, billIds: number[]): Promise<void> {
  if (!billIds.length) return;
  const CHUNK = 400;
  for (let i = 0; i < billIds.length; i += CHUNK) {
    const ids = billIds.slice(i, i + CHUNK);
    const bills = await manager.getRepository(Bill).createQueryBuilder('b').where('b.id IN (:...ids)', { ids }).getMany();
    const lines = await manager.getRepository(BillLine).createQueryBuilder('l').where('l.bill_id IN (:...ids)', { ids }).getMany();
    const byBill = new Map<number, BillLine[]>();
    for (const line of lines) {
      const list = byBill.get(line.billId);
      if (list) list.push(line);
      else byBill.set(line.billId, [line]);
    }
    for (const bill of bills) {
      const own = byBill.get(bill.id) ?? [];
      const totalFen = own.filter((l) => !l.waived).reduce((sum, l) => sum + l.amountFen, 0);
      const hash = contentHash({ houseId: bill.houseId, period: bill.period, totalFen }, own);
      if (totalFen !== bill.totalFen || hash !== bill.contentHash) await manager.getRepository(Bill).update({ id: bill.id }, { totalFen, contentHash: hash });
    }
  }
}
