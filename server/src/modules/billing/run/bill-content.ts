import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Bill, BillLine } from '../billing.entity';
import { dialectOf, updateBillsFromRows } from './sql';

/** What a line contributes to its bill's hash (a BillLine, or a raw row shaped like one). */
export type HashedLine = Pick<
  BillLine,
  | 'id'
  | 'kind'
  | 'itemCode'
  | 'name'
  | 'quantityText'
  | 'unitPriceFen'
  | 'amountFen'
  | 'chargeId'
  | 'ticketId'
  | 'ticketSerial'
  | 'waived'
  | 'sortOrder'
>;

/** Lines in the one order a bill is shown and hashed in (never insertion order or ids). */
export function canonicalLineOrder(a: HashedLine, b: HashedLine): number {
  return (
    a.sortOrder - b.sortOrder ||
    cmp(a.kind, b.kind) ||
    cmp(a.itemCode ?? '', b.itemCode ?? '') ||
    (a.chargeId ?? 0) - (b.chargeId ?? 0) ||
    a.amountFen - b.amountFen ||
    cmp(a.name, b.name) ||
    a.id - b.id
  );
}

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Sha-256 of what the bill says: house, month, total and its lines in canonical order. No ids of bills or
 * lines, no run id, no timestamps — so a resumed run and an uninterrupted one hash equal (R4).
 */
export function contentHash(bill: Pick<Bill, 'houseId' | 'period' | 'totalFen'>, lines: HashedLine[]): string {
  const canonical = {
    houseId: bill.houseId,
    period: bill.period,
    totalFen: bill.totalFen,
    lines: [...lines]
      .sort(canonicalLineOrder)
      .map((l) => [
        l.kind,
        l.itemCode,
        l.name,
        l.quantityText,
        l.unitPriceFen,
        l.amountFen,
        l.chargeId,
        l.ticketId,
        l.ticketSerial,
        Boolean(l.waived),
        l.sortOrder,
      ]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

const LINE_FIELDS =
  'l.id AS line_id, l.kind, l.item_code, l.name, l.quantity_text, l.unit_price_fen, l.amount_fen, l.charge_id, l.ticket_id, l.ticket_serial, l.waived, l.sort_order';
const intOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Recomputes total (Σ non-waived lines) and hash of the bills `where` picks (alias `b`), inside the caller's
 * transaction: ONE raw SELECT of the bills with their lines (no entity hydration), the hashes in Node, ONE
 * UPDATE per 1,000 changed bills. The hash needs every line's text, so the lines are read once; the
 * totals ride along in the same UPDATE.
 */
export async function settleBillsWhere(
  manager: EntityManager,
  where: { sql: string; params: unknown[] },
): Promise<number> {
  const rows: Record<string, unknown>[] = await manager.query(
    `SELECT b.id AS bill_id, b.house_id AS house_id, b.period AS period, b.total_fen AS total_fen, b.content_hash AS content_hash, ${LINE_FIELDS}` +
      ` FROM bills b LEFT JOIN bill_lines l ON l.bill_id = b.id WHERE ${where.sql}`,
    where.params,
  );
  const bills = new Map<
    number,
    { houseId: number; period: string; totalFen: number; hash: string; lines: HashedLine[] }
  >();
  for (const r of rows) {
    const id = Number(r.bill_id);
    let bill = bills.get(id);
    if (!bill) {
      bill = {
        houseId: Number(r.house_id),
        period: String(r.period),
        totalFen: Number(r.total_fen),
        hash: String(r.content_hash),
        lines: [],
      };
      bills.set(id, bill);
    }
    if (r.line_id === null || r.line_id === undefined) continue;
    // The same values TypeORM hydrates (numbers, null, boolean), so the hash equals the entity path's.
    bill.lines.push({
      id: Number(r.line_id),
      kind: String(r.kind) as HashedLine['kind'],
      itemCode: (r.item_code as string | null) ?? null,
      name: String(r.name),
      quantityText: String(r.quantity_text),
      unitPriceFen: intOrNull(r.unit_price_fen),
      amountFen: Number(r.amount_fen),
      chargeId: intOrNull(r.charge_id),
      ticketId: intOrNull(r.ticket_id),
      ticketSerial: (r.ticket_serial as string | null) ?? null,
      waived: r.waived === true || r.waived === 1 || r.waived === '1',
      sortOrder: Number(r.sort_order),
    });
  }
  const changed: { id: number; totalFen: number; hash: string }[] = [];
  for (const [id, bill] of bills) {
    const totalFen = bill.lines.reduce((sum, l) => (l.waived ? sum : sum + l.amountFen), 0);
    const hash = contentHash({ houseId: bill.houseId, period: bill.period, totalFen }, bill.lines);
    if (totalFen !== bill.totalFen || hash !== bill.hash) changed.push({ id, totalFen, hash });
  }
  const dialect = dialectOf(manager);
  const CHUNK = 1000;
  for (let i = 0; i < changed.length; i += CHUNK) {
    const chunk = changed.slice(i, i + CHUNK);
    await manager.query(
      updateBillsFromRows(dialect, chunk.length),
      chunk.flatMap((r) => [r.id, r.totalFen, r.hash]),
    );
  }
  return bills.size;
}

/** Recomputes total and hash of the given bills (a reissue, a waived late fee), inside the caller's transaction. */
export async function settleBills(manager: EntityManager, billIds: number[]): Promise<void> {
  const CHUNK = 1000;
  for (let i = 0; i < billIds.length; i += CHUNK) {
    const ids = billIds.slice(i, i + CHUNK);
    await settleBillsWhere(manager, { sql: `b.id IN (${ids.map(() => '?').join(', ')})`, params: ids });
  }
}
