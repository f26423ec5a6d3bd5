import type { EntityManager } from 'typeorm';
import type { BillLine } from '../billing.entity';
import type { BillBatch } from './line-source';

/** A bill of the batch as line sources see it (the draft bills of the batch's houses and month). */
export interface BatchBill {
  billId: number;
  houseId: number;
}

export type NewBillLine = Omit<
  BillLine,
  'id' | 'billedChargeId' | 'waived' | 'chargeId' | 'ticketId' | 'ticketSerial' | 'unitPriceFen' | 'itemCode'
> &
  Partial<
    Pick<BillLine, 'billedChargeId' | 'waived' | 'chargeId' | 'ticketId' | 'ticketSerial' | 'unitPriceFen' | 'itemCode'>
  >;

/**
 * The WHERE clause (alias `b`) that picks the bills a source writes lines for: draft bills of the batch's
 * project, month and house range. A reissue (void-and-reissue) calls the sources for a one-house batch.
 */
export function batchBillsWhere(batch: BillBatch): { sql: string; params: unknown[] } {
  return {
    sql: "b.project_id = ? AND b.period = ? AND b.house_id BETWEEN ? AND ? AND b.status = 'draft'",
    params: [batch.projectId, batch.period, batch.houseIdFrom, batch.houseIdTo],
  };
}

export async function batchBills(manager: EntityManager, batch: BillBatch): Promise<BatchBill[]> {
  const where = batchBillsWhere(batch);
  const rows: { id: number; house_id: number }[] = await manager.query(
    `SELECT b.id, b.house_id FROM bills b WHERE ${where.sql} ORDER BY b.house_id`,
    where.params,
  );
  return rows.map((r) => ({ billId: Number(r.id), houseId: Number(r.house_id) }));
}

const CHUNK = 200;
const LINE_COLUMNS = [
  'bill_id',
  'house_id',
  'period',
  'kind',
  'item_code',
  'name',
  'quantity_text',
  'unit_price_fen',
  'amount_fen',
  'charge_id',
  'billed_charge_id',
  'ticket_id',
  'ticket_serial',
  'waived',
  'sort_order',
] as const;
const ROW_PLACEHOLDERS = `(${LINE_COLUMNS.map(() => '?').join(', ')})`;

/**
 * Multi-row INSERTs (chunked under SQLite's bound-parameter limit), as plain SQL: TypeORM's insert builder
 * checks each of a chunk's ~3,000 parameters against all the others (QueryBuilder.hasParameter), about a
 * fifth of the run's Node CPU in the bench:billing profile, and reads generated columns back.
 */
export async function insertLineRows(manager: EntityManager, rows: NewBillLine[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const params = chunk.flatMap((r) => [
      r.billId,
      r.houseId,
      r.period,
      r.kind,
      r.itemCode ?? null,
      r.name,
      r.quantityText,
      r.unitPriceFen ?? null,
      r.amountFen,
      r.chargeId ?? null,
      r.billedChargeId ?? null,
      r.ticketId ?? null,
      r.ticketSerial ?? null,
      r.waived ? 1 : 0,
      r.sortOrder,
    ]);
    await manager.query(
      `INSERT INTO bill_lines (${LINE_COLUMNS.join(', ')}) VALUES ${chunk.map(() => ROW_PLACEHOLDERS).join(', ')}`,
      params,
    );
  }
}
