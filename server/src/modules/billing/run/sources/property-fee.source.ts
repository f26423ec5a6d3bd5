import type { EntityManager } from 'typeorm';
import { BillLineKind, BillingItemKind } from '@app/shared';
import type { PropertyDirectory } from '../../../property/property-directory.service';
import { batchBillsWhere } from '../batch-rows';
import { SORT_BASE, type BillBatch, type BillLineSource } from '../line-source';
import { prorationSql } from '../proration-sql';
import { areaTextSql, type Dialect, dialectOf, halfUpDivSql, intLiteral } from '../sql';
import { itemsInForce, pickByHouseType } from './items-in-force';

/** How one item kind turns an item row and a house into a line, in SQL (alias `h` = house, `i` = item). */
interface LineSql {
  quantity: (dialect: Dialect) => { sql: string; params: unknown[] };
  amount: (dialect: Dialect) => string;
}

/**
 * Lines of every item of `itemKind` in force in the month, priced by the house's type (or the item's
 * fallback row): one line per house and item code, written by ONE `INSERT … SELECT` per batch (a UNION ALL
 * term per item code) from our draft bills joined to property's house sub-query and the item row picked
 * for the house's type. Amounts are computed in SQL with the shared half-up rule (sql.ts), so no row
 * travels to Node and back. A house whose 计费起始日 falls after the month gets no line; in the month that
 * contains it the line is prorated by days (`prorationSql`), exactly `prorateFen` of shared/src/billing.ts.
 */
async function houseTypeItemLines(
  manager: EntityManager,
  property: PropertyDirectory,
  batch: BillBatch,
  itemKind: BillingItemKind,
  lineKind: BillLineKind,
  line: LineSql,
): Promise<void> {
  const codes = pickByHouseType(await itemsInForce(manager, batch.projectId, batch.period, itemKind));
  if (!codes.length) return;
  const dialect = dialectOf(manager);
  const houses = property.billableHousesSelect(batch.projectId, { from: batch.houseIdFrom, to: batch.houseIdTo });
  const where = batchBillsWhere(batch);
  const quantity = line.quantity(dialect);
  const prorated = prorationSql(dialect, batch.period, line.amount(dialect));
  const terms: string[] = [];
  const params: unknown[] = [];
  codes.forEach((entry, index) => {
    const typed = [...entry.byType.values()];
    const ids = [...typed, ...(entry.fallback ? [entry.fallback] : [])].map((i) => intLiteral(i.id));
    const fallback = entry.fallback ? intLiteral(entry.fallback.id) : 'NULL';
    const pick = typed.length
      ? `CASE ${typed.map((i) => `WHEN h.house_type = ? THEN ${intLiteral(i.id)}`).join(' ')} ELSE ${fallback} END`
      : fallback;
    terms.push(
      `SELECT b.id, b.house_id, b.period, ?, i.code, ${prorated.name}, ${quantity.sql}, i.unit_price_fen, ${prorated.amount}, NULL, NULL, NULL, NULL, 0, ${intLiteral(SORT_BASE[lineKind] + index)}` +
        ` FROM bills b JOIN (${houses.sql}) h ON h.house_id = b.house_id` +
        ` JOIN billing_items i ON i.id IN (${ids.join(', ')}) AND i.id = (${pick})` +
        ` WHERE ${where.sql} AND ${prorated.billed}`,
    );
    params.push(
      lineKind,
      ...prorated.nameParams,
      ...quantity.params,
      ...houses.params,
      ...typed.map((i) => i.houseType),
      ...where.params,
    );
  });
  await manager.query(
    'INSERT INTO bill_lines (bill_id, house_id, period, kind, item_code, name, quantity_text, unit_price_fen, amount_fen, charge_id, billed_charge_id, ticket_id, ticket_serial, waived, sort_order) ' +
      terms.join(' UNION ALL '),
    params,
  );
}

/**
 * 物业服务费: billable area × the price for the house's type in force in the month, rounded once half up
 * (then prorated by days in the month the house's billing starts).
 */
export class PropertyFeeSource implements BillLineSource {
  readonly kind = BillLineKind.PropertyFee;

  constructor(private readonly property: PropertyDirectory) {}

  /** Amount = areaFeeFen(area, price): area (hundredths) × price, divided by 100 half up, in SQL. */
  insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    return houseTypeItemLines(manager, this.property, batch, BillingItemKind.Area, BillLineKind.PropertyFee, {
      quantity: (dialect) => ({ sql: areaTextSql(dialect, 'h.area_hundredths'), params: [' ㎡'] }),
      amount: (dialect) => halfUpDivSql(dialect, 'h.area_hundredths * i.unit_price_fen', 100),
    });
  }
}

/** 固定金额 items: the month's amount per house (by house type like area items). */
export class FixedFeeSource implements BillLineSource {
  readonly kind = BillLineKind.Fixed;

  constructor(private readonly property: PropertyDirectory) {}

  insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    return houseTypeItemLines(manager, this.property, batch, BillingItemKind.Fixed, BillLineKind.Fixed, {
      quantity: () => ({ sql: '?', params: ['1 月'] }),
      amount: () => 'i.unit_price_fen',
    });
  }
}
