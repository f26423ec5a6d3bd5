import type { EntityManager } from 'typeorm';
import { BillLineKind } from '@app/shared';
import type { ChargeBilling } from '../../../charges/charge-billing.service';
import { batchBillsWhere } from '../batch-rows';
import { SORT_BASE, type BillBatch, type BillLineSource } from '../line-source';
import { concatSql, type Dialect, dialectOf } from '../sql';

/**
 * One line per paid-service charge billed in the month, named after what was done (its schedule items) and
 * carrying its ticket serial. The run claimed the
 * batch's charges (charges module, same transaction) before the sources ran; billed_charge_id is unique,
 * so a charge sits on at most one live bill even if two writers raced.
 */
export class ChargeLineSource implements BillLineSource {
  readonly kind = BillLineKind.Charge;

  constructor(private readonly charges: ChargeBilling) {}

  async insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    const billed = this.charges.billedChargesSelect(batch.period, batch.projectId, {
      from: batch.houseIdFrom,
      to: batch.houseIdTo,
    });
    const where = batchBillsWhere(batch);
    const name = chargeNameSql(dialectOf(manager));
    await manager.query(
      'INSERT INTO bill_lines (bill_id, house_id, period, kind, item_code, name, quantity_text, unit_price_fen, amount_fen, charge_id, billed_charge_id, ticket_id, ticket_serial, waived, sort_order)' +
        ` SELECT b.id, b.house_id, b.period, 'charge', NULL, ${name.sql}, ?, c.total_fen, c.total_fen, c.charge_id, c.charge_id, c.ticket_id, c.ticket_serial, 0, ?` +
        ` FROM bills b JOIN (${billed.sql}) c ON c.house_id = b.house_id WHERE ${where.sql}` +
        ' AND NOT EXISTS (SELECT 1 FROM bill_lines x WHERE x.billed_charge_id = c.charge_id)',
      [...name.params, '1 次', SORT_BASE.charge, ...billed.params, ...where.params],
    );
  }
}

/**
 * `chargeLineName` of shared/src/billing.ts in SQL over the billed-charges row `c` (first_item, item_count,
 * ticket_serial): "特约服务：马桶疏通 等2项（GD-202611-0012）". Texts are bound parameters; SUBSTR counts
 * characters on both engines (utf8mb4 on MySQL).
 */
function chargeNameSql(dialect: Dialect): { sql: string; params: unknown[] } {
  const cat = (...parts: string[]) => concatSql(dialect, parts);
  const what = `CASE WHEN c.first_item IS NULL OR c.item_count < 1 THEN ? ELSE ${cat(
    '?',
    'SUBSTR(c.first_item, 1, 30)',
    `CASE WHEN c.item_count > 1 THEN ${cat('?', 'c.item_count', '?')} ELSE ? END`,
  )} END`;
  const serial = `CASE WHEN c.ticket_serial IS NULL THEN ? ELSE ${cat('?', 'c.ticket_serial', '?')} END`;
  return {
    sql: `SUBSTR(${cat(what, serial)}, 1, 80)`,
    params: ['特约服务', '特约服务：', ' 等', '项', '', '', '（', '）'],
  };
}
