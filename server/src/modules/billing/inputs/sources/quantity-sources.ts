import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BillLineKind, BillingItemKind, quantityFeeFen } from '@app/shared';
import { PropertyDirectory } from '../../../property/property-directory.service';
import { Bill } from '../../billing.entity';
import { SORT_BASE, type BillBatch, type BillLineSource } from '../../run/line-source';
import { BillingHouseQuantity, MeterReading } from '../inputs.entity';
import { itemsInForce, quantityUnit } from '../items';
import { batchBills, insertLines, NewLine, plainMilli } from './batch';

/** 按数量: quantity set per house × unit price, rounded once half up (quantityFeeFen). No quantity row → no line. */
@Injectable()
export class PerSpaceLineSource implements BillLineSource {
  readonly kind = BillLineKind.PerSpace;

  async insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    const items = await itemsInForce(manager, batch.projectId, batch.period, BillingItemKind.PerSpace);
    if (!items.length) return;
    const bills = await batchBills(manager, batch);
    const lines: NewLine[] = [];
    for (const [index, item] of items.entries()) {
      const quantities = await manager.getRepository(BillingHouseQuantity).createQueryBuilder('q')
        .where('q.project_id = :projectId AND q.item_code = :code AND q.house_id BETWEEN :from AND :to', {
          projectId: batch.projectId, code: item.code, from: batch.houseIdFrom, to: batch.houseIdTo,
        }).getMany();
      for (const q of quantities) {
        const billId = bills.get(q.houseId);
        if (billId === undefined || q.quantityMilli <= 0) continue;
        lines.push({
          billId, houseId: q.houseId, period: batch.period, kind: BillLineKind.PerSpace, itemCode: item.code, name: item.name,
          quantityText: `${plainMilli(q.quantityMilli)} ${quantityUnit(item.unit)}`.slice(0, 40), unitPriceFen: item.unitPriceFen,
          amountFen: quantityFeeFen(q.quantityMilli, item.unitPriceFen), sortOrder: SORT_BASE.per_space + index,
        });
      }
    }
    await insertLines(manager, lines);
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
      const readings = await manager.getRepository(MeterReading).createQueryBuilder('r')
        .where('r.project_id = :projectId AND r.item_code = :code AND r.period = :period AND r.house_id BETWEEN :from AND :to', {
          projectId: batch.projectId, code: item.code, period: batch.period, from: batch.houseIdFrom, to: batch.houseIdTo,
        }).getMany();
      for (const r of readings) {
        const billId = bills.get(r.houseId);
        if (billId === undefined) continue;
        lines.push({
          billId, houseId: r.houseId, period: batch.period, kind: BillLineKind.Metered, itemCode: item.code, name: item.name,
          quantityText: `${plainMilli(r.consumptionMilli)} ${quantityUnit(item.unit)}`.slice(0, 40), unitPriceFen: item.unitPriceFen,
          amountFen: quantityFeeFen(r.consumptionMilli, item.unitPriceFen), sortOrder: SORT_BASE.metered + index,
        });
      }
    }
    await insertLines(manager, lines);
  }

  /** For the run's check: houses billed in the run without a reading of a metered item in force that month. */
  async missingReadings(manager: EntityManager, run: { runId: number; projectId: number; period: string }): Promise<{ houseId: number; houseLabel: string; itemCode: string }[]> {
    const items = await itemsInForce(manager, run.projectId, run.period, BillingItemKind.Metered);
    const missing: { houseId: number; itemCode: string }[] = [];
    for (const item of items) {
      const rows = await manager.getRepository(Bill).createQueryBuilder('b').select('DISTINCT b.house_id', 'house_id')
        .where('b.run_id = :runId', { runId: run.runId })
        .andWhere('NOT EXISTS (SELECT 1 FROM meter_readings r WHERE r.house_id = b.house_id AND r.item_code = :code AND r.period = :period)', { code: item.code, period: run.period })
        .orderBy('b.house_id', 'ASC').getRawMany<{ house_id: number }>();
      for (const r of rows) missing.push({ houseId: Number(r.house_id), itemCode: item.code });
    }
    const labels = new Map<number, string>();
    const ids = [...new Set(missing.map((m) => m.houseId))];
    for (let i = 0; i < ids.length; i += 2000) {
      for (const [id, h] of await this.property.houseLabels(ids.slice(i, i + 2000), manager)) labels.set(id, h.label);
    }
    return missing.map((m) => ({ houseId: m.houseId, houseLabel: labels.get(m.houseId) ?? '', itemCode: m.itemCode }));
  }
}
