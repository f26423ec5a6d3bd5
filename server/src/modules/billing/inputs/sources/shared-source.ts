import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BillLineKind, BillingItemKind, SharedSplit, allocateLargestRemainder } from '@app/shared';
import { PropertyDirectory } from '../../../property/property-directory.service';
import { SORT_BASE, type BillBatch, type BillLineSource } from '../../run/line-source';
import { areaText } from '../../run/sources/items-in-force';
import { BillingSharedAmount } from '../inputs.entity';
import { itemsInForce } from '../items';
import { projectHouses } from '../project-houses';
import { batchBills, insertLines, NewLine } from './batch';

/**
 * 公摊: the month's total split over ALL the project's houses (id order) by largest remainder — by area, or
 * equally per house — so Σ shares = total exactly. Every batch recomputes the same split from the same
 * inputs and keeps its own houses' shares, so a resumed run yields the same lines. Zero shares get no line.
 */
@Injectable()
export class SharedLineSource implements BillLineSource {
  readonly kind = BillLineKind.Shared;

  constructor(private readonly property: PropertyDirectory) {}

  async insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    const items = await itemsInForce(manager, batch.projectId, batch.period, BillingItemKind.Shared);
    if (!items.length) return;
    const amounts = await manager
      .getRepository(BillingSharedAmount)
      .findBy({ projectId: batch.projectId, period: batch.period });
    const totals = new Map(amounts.map((a) => [a.itemCode, a.amountFen]));
    if (!items.some((i) => totals.has(i.code))) return;
    const houses = await projectHouses(manager, this.property, batch.projectId);
    const bills = await batchBills(manager, batch);
    const lines: NewLine[] = [];
    for (const [index, item] of items.entries()) {
      const total = totals.get(item.code);
      if (total === undefined || !houses.length) continue;
      const byArea = item.sharedSplit !== SharedSplit.House && houses.some((h) => h.areaHundredths > 0);
      const shares = allocateLargestRemainder(
        total,
        houses.map((h) => (byArea ? h.areaHundredths : 1)),
      );
      houses.forEach((h, i) => {
        const billId = bills.get(h.id);
        if (billId === undefined || shares[i] === 0) return;
        lines.push({
          billId,
          houseId: h.id,
          period: batch.period,
          kind: BillLineKind.Shared,
          itemCode: item.code,
          name: item.name,
          quantityText: byArea ? `按面积 ${areaText(h.areaHundredths)}` : `按户 1/${houses.length}`,
          unitPriceFen: null,
          amountFen: shares[i],
          sortOrder: SORT_BASE.shared + index,
        });
      });
    }
    await insertLines(manager, lines);
  }
}
