import type { EntityManager } from 'typeorm';

/**
 * One batch of a bill run: the houses of `projectId` with ids in [houseIdFrom, houseIdTo], whose bills for
 * `period` (revision 0 of run `runId`) already exist when line sources are called. Everything a source
 * does for a batch happens inside the batch's transaction (`manager`), so a crash leaves whole batches.
 */
export interface BillBatch {
  runId: number;
  companyId: number;
  projectId: number;
  period: string;
  houseIdFrom: number;
  houseIdTo: number;
}

/**
 * A producer of bill lines. Implementations insert their lines set-based (INSERT … SELECT, or multi-row
 * INSERTs computed once per batch) into `bill_lines` for the draft bills of the batch:
 *   bill_lines(bill_id, house_id, period, kind, item_code, name, quantity_text, unit_price_fen,
 *              amount_fen, charge_id, billed_charge_id, ticket_id, ticket_serial, waived, sort_order)
 * Rules every source keeps (R4: a rerun must yield byte-identical bills):
 * - content depends only on the inputs, never on the clock or on insertion order;
 * - `sort_order` is deterministic: use the source's base (`SORT_BASE[kind]`) plus a stable offset
 *   (item code order, charge id …) so the bill's canonical order does not depend on insert order;
 * - each line's amount is rounded once, half up (shared/src/billing.ts);
 * - a source must be idempotent over a batch that was rolled back (it is — the transaction is gone).
 * Sources are registered with `BillLineSources.register(source)` at module init (meters registers its own).
 */
export interface BillLineSource {
  kind: string;
  insertLines(manager: EntityManager, batch: BillBatch): Promise<void>;
}

/** Where each kind's lines sit on a bill; a source adds a stable offset below the next base. */
export const SORT_BASE: Record<string, number> = {
  property_fee: 100_000,
  vacancy_discount: 200_000,
  fixed: 300_000,
  per_space: 400_000,
  metered: 500_000,
  shared: 600_000,
  charge: 700_000,
  late_fee: 800_000,
  adjustment: 900_000,
};
