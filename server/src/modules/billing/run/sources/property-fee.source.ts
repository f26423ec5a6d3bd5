import type { EntityManager } from 'typeorm';
import { BillLineKind, BillingItemKind, areaFeeFen } from '@app/shared';
import type { PropertyDirectory } from '../../../property/property-directory.service';
import type { BillingItem } from '../../billing.entity';
import { batchBillsWhere, insertLineRows, type NewBillLine } from '../batch-rows';
import { SORT_BASE, type BillBatch, type BillLineSource } from '../line-source';
import { areaText, itemsInForce, pickByHouseType } from './items-in-force';

interface HouseRow {
  bill_id: number;
  house_id: number;
  area_hundredths: number;
  house_type: string;
}

/** Reads the batch's houses (area, type) through property's owned sub-query, joined to our bills. */
export async function batchHouses(manager: EntityManager, property: PropertyDirectory, batch: BillBatch): Promise<HouseRow[]> {
  const houses = property.billableHousesSelect(batch.projectId, { from: batch.houseIdFrom, to: batch.houseIdTo });
  const where = batchBillsWhere(batch);
  const rows: HouseRow[] = await manager.query(
    `SELECT b.id AS bill_id, b.house_id AS house_id, h.area_hundredths AS area_hundredths, h.house_type AS house_type FROM bills b JOIN (${houses.sql}) h ON h.house_id = b.house_id WHERE ${where.sql} ORDER BY b.house_id`,
    [...houses.params, ...where.params],
  );
  return rows.map((r) => ({ bill_id: Number(r.bill_id), house_id: Number(r.house_id), area_hundredths: Number(r.area_hundredths), house_type: String(r.house_type) }));
}

/**
 * Lines of every item of `itemKind` in force in the month, priced by the house's type (or the item's
 * fallback row): one line per house and item code, built by `line`.
 */
async function houseTypeItemLines(
  manager: EntityManager, property: PropertyDirectory, batch: BillBatch, itemKind: BillingItemKind,
  line: (house: HouseRow, item: BillingItem, index: number) => NewBillLine,
): Promise<void> {
  const codes = pickByHouseType(await itemsInForce(manager, batch.projectId, batch.period, itemKind));
  if (!codes.length) return;
  const rows: NewBillLine[] = [];
  for (const house of await batchHouses(manager, property, batch)) {
    codes.forEach((entry, index) => {
      const item = entry.byType.get(house.house_type) ?? entry.fallback;
      if (item) rows.push(line(house, item, index));
    });
  }
  await insertLineRows(manager, rows);
}

/** 物业服务费: billable area × the price for the house's type in force in the month, rounded once half up. */
export class PropertyFeeSource implements BillLineSource {
  readonly kind = BillLineKind.PropertyFee;

  constructor(private readonly property: PropertyDirectory) {}

  insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    return houseTypeItemLines(manager, this.property, batch, BillingItemKind.Area, (house, item, index) => ({
      billId: house.bill_id, houseId: house.house_id, period: batch.period, kind: BillLineKind.PropertyFee, itemCode: item.code, name: item.name,
      quantityText: areaText(house.area_hundredths), unitPriceFen: item.unitPriceFen, amountFen: areaFeeFen(house.area_hundredths, item.unitPriceFen),
      sortOrder: SORT_BASE.property_fee + index,
    }));
  }
}

/** 固定金额 items: the month's amount per house (by house type like area items). */
export class FixedFeeSource implements BillLineSource {
  readonly kind = BillLineKind.Fixed;

  constructor(private readonly property: PropertyDirectory) {}

  insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    return houseTypeItemLines(manager, this.property, batch, BillingItemKind.Fixed, (house, item, index) => ({
      billId: house.bill_id, houseId: house.house_id, period: batch.period, kind: BillLineKind.Fixed, itemCode: item.code, name: item.name,
      quantityText: '1 月', unitPriceFen: item.unitPriceFen, amountFen: item.unitPriceFen, sortOrder: SORT_BASE.fixed + index,
    }));
  }
}
