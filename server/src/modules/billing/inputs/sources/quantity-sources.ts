import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BillLineKind, BillStatus, BillingItemKind, quantityFeeFen } from '@app/shared';
import { PropertyDirectory } from '../../../property/property-directory.service';
import { Bill } from '../../billing.entity';
import { SORT_BASE, type BillBatch, type BillLineSource } from '../../run/line-source';
import { batchBillsWhere } from '../../run/batch-rows';
import { prorationSql } from '../../run/proration-sql';
import { concatSql, dialectOf, halfUpDivSql, intLiteral, plainMilliSql } from '../../run/sql';
import { MeterReading } from '../inputs.entity';
import { itemsInForce, quantityUnit } from '../items';
import { batchBills, insertLines, NewLine, plainMilli } from './batch';

/**
 * 按数量: quantity set per house × unit price, rounded once half up (quantityFeeFen), then prorated by days in
 * the month the house's 计费起始日 falls in, like 物业服务费 (`prorationSql`); no line before that month. No
 * quantity row → no line. ONE `INSERT … SELECT` per batch (a UNION ALL term per item) from our draft bills
 * joined to property's house sub-query and the quantities, amounts computed in SQL (run/sql.ts).
 */
@Injectable()
export class PerSpaceLineSource implements BillLineSource {
  readonly kind = BillLineKind.PerSpace;

  constructor(private readonly property: PropertyDirectory) {}

  async insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    const items = await itemsInForce(manager, batch.projectId, batch.period, BillingItemKind.PerSpace);
    if (!items.length) return;
    const dialect = dialectOf(manager);
    const houses = this.property.billableHousesSelect(batch.projectId, {
      from: batch.houseIdFrom,
      to: batch.houseIdTo,
    });
    const where = batchBillsWhere(batch);
    const full = halfUpDivSql(dialect, 'q.quantity_milli * i.unit_price_fen', 1000);
    const prorated = prorationSql(dialect, batch.period, full);
    const quantityText = `SUBSTR(${concatSql(dialect, [plainMilliSql(dialect, 'q.quantity_milli'), '?'])}, 1, 40)`;
    const terms: string[] = [];
    const params: unknown[] = [];
    items.forEach((item, index) => {
      terms.push(
        `SELECT b.id, b.house_id, b.period, ?, i.code, ${prorated.name}, ${quantityText}, i.unit_price_fen, ${prorated.amount}, NULL, NULL, NULL, NULL, 0, ${intLiteral(SORT_BASE.per_space + index)}` +
          ` FROM bills b JOIN (${houses.sql}) h ON h.house_id = b.house_id` +
          ` JOIN billing_items i ON i.id = ${intLiteral(item.id)}` +
          ` JOIN billing_house_quantities q ON q.house_id = b.house_id AND q.project_id = b.project_id AND q.item_code = i.code` +
          ` WHERE ${where.sql} AND q.quantity_milli > 0 AND ${prorated.billed}`,
      );
      params.push(
        BillLineKind.PerSpace,
        ...prorated.nameParams,
        ` ${quantityUnit(item.unit)}`,
        ...houses.params,
        ...where.params,
      );
    });
    await manager.query(
      'INSERT INTO bill_lines (bill_id, house_id, period, kind, item_code, name, quantity_text, unit_price_fen, amount_fen, charge_id, billed_charge_id, ticket_id, ticket_serial, waived, sort_order) ' +
        terms.join(' UNION ALL '),
      params,
    );
  }
}

/**
 * 抄表: the month's consumption × unit price, rounded once half up. A house without a reading for the month
 * gets no line; the run's check lists it (missingReadings) so finance can enter it and rerun before publishing.
 */
@Injectable()
export class MeteredLineSource implements BillLineSource {
  readonly kind = BillLineKind.Metered;

  constructor(private readonly property: PropertyDirectory) {}

  async insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    const items = await itemsInForce(manager, batch.projectId, batch.period, BillingItemKind.Metered);
    if (!items.length) return;
    const bills = await batchBills(manager, batch);
    const lines: NewLine[] = [];
    for (const [index, item] of items.entries()) {
      const readings = await manager
        .getRepository(MeterReading)
        .createQueryBuilder('r')
        .where(
          'r.project_id = :projectId AND r.item_code = :code AND r.period = :period AND r.house_id BETWEEN :from AND :to',
          {
            projectId: batch.projectId,
            code: item.code,
            period: batch.period,
            from: batch.houseIdFrom,
            to: batch.houseIdTo,
          },
        )
        .getMany();
      for (const r of readings) {
        const billId = bills.get(r.houseId);
        if (billId === undefined) continue;
        lines.push({
          billId,
          houseId: r.houseId,
          period: batch.period,
          kind: BillLineKind.Metered,
          itemCode: item.code,
          name: item.name,
          quantityText: `${plainMilli(r.consumptionMilli)} ${quantityUnit(item.unit)}`.slice(0, 40),
          unitPriceFen: item.unitPriceFen,
          amountFen: quantityFeeFen(r.consumptionMilli, item.unitPriceFen),
          sortOrder: SORT_BASE.metered + index,
        });
      }
    }
    await insertLines(manager, lines);
  }

  /** For the run's check: live bills of the month without a reading of a metered item in force that month. */
  async missingReadings(
    manager: EntityManager,
    projectId: number,
    period: string,
  ): Promise<{ houseId: number; houseLabel: string; itemCode: string }[]> {
    const items = await itemsInForce(manager, projectId, period, BillingItemKind.Metered);
    const missing: { houseId: number; itemCode: string }[] = [];
    for (const item of items) {
      const rows = await manager
        .getRepository(Bill)
        .createQueryBuilder('b')
        .select('DISTINCT b.house_id', 'house_id')
        .where('b.project_id = :projectId AND b.period = :period AND b.status <> :void', {
          projectId,
          period,
          void: BillStatus.Void,
        })
        .andWhere(
          'NOT EXISTS (SELECT 1 FROM meter_readings r WHERE r.house_id = b.house_id AND r.item_code = :code AND r.period = :period)',
          { code: item.code },
        )
        .orderBy('b.house_id', 'ASC')
        .getRawMany<{ house_id: number }>();
      for (const r of rows) missing.push({ houseId: Number(r.house_id), itemCode: item.code });
    }
    const labels = new Map<number, string>();
    const ids = [...new Set(missing.map((m) => m.houseId))];
    for (let i = 0; i < ids.length; i += 2000) {
      for (const [id, h] of await this.property.houseLabels(ids.slice(i, i + 2000), manager)) labels.set(id, h.label);
    }
    return missing.map((m) => ({
      houseId: m.houseId,
      houseLabel: labels.get(m.houseId) ?? `#${m.houseId}`,
      itemCode: m.itemCode,
    }));
  }
}
