import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BillLineKind, VacancyStatus, vacancyDiscountFen } from '@app/shared';
import { BillLine } from '../../billing.entity';
import { SORT_BASE, type BillBatch, type BillLineSource } from '../../run/line-source';
import { VacancyApplication } from '../inputs.entity';
import { batchBills, insertLines, NewLine } from './batch';

/**
 * 空置房优惠: for a house with an approved application covering the month, a negative line of the
 * application's percent of that bill's property-fee lines (vacancyDiscountFen: rounded once, never more
 * than the fee). Must run after the property-fee source; with no property fee there is nothing to discount.
 */
@Injectable()
export class VacancyDiscountLineSource implements BillLineSource {
  readonly kind = BillLineKind.VacancyDiscount;

  async insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    const apps = await manager
      .getRepository(VacancyApplication)
      .createQueryBuilder('v')
      .where(
        'v.project_id = :projectId AND v.status = :approved AND v.from_period <= :period AND v.to_period >= :period',
        {
          projectId: batch.projectId,
          approved: VacancyStatus.Approved,
          period: batch.period,
        },
      )
      .andWhere('v.house_id BETWEEN :from AND :to', { from: batch.houseIdFrom, to: batch.houseIdTo })
      .orderBy('v.id', 'ASC')
      .getMany();
    if (!apps.length) return;
    const bills = await batchBills(manager, batch);
    const billIds = apps.map((a) => bills.get(a.houseId)).filter((id): id is number => id !== undefined);
    if (!billIds.length) return;
    const fees = await manager
      .getRepository(BillLine)
      .createQueryBuilder('l')
      .select(['l.bill_id AS bill_id', 'SUM(l.amount_fen) AS fee'])
      .where('l.bill_id IN (:...billIds) AND l.kind = :kind', { billIds, kind: BillLineKind.PropertyFee })
      .groupBy('l.bill_id')
      .getRawMany<{ bill_id: number; fee: number | string }>();
    const feeOf = new Map(fees.map((f) => [Number(f.bill_id), Number(f.fee)]));
    const lines: NewLine[] = [];
    const done = new Set<number>();
    for (const app of apps) {
      const billId = bills.get(app.houseId);
      // Overlaps are refused when applying; should two still cover the month, the earlier one counts, once.
      if (billId === undefined || done.has(billId)) continue;
      done.add(billId);
      const amount = vacancyDiscountFen(Math.max(0, feeOf.get(billId) ?? 0), app.discountPercent);
      if (amount === 0) continue;
      lines.push({
        billId,
        houseId: app.houseId,
        period: batch.period,
        kind: BillLineKind.VacancyDiscount,
        itemCode: null,
        name: `空置房优惠（物业服务费 ${app.discountPercent}%）`,
        quantityText: `${app.fromPeriod} 至 ${app.toPeriod}`,
        unitPriceFen: null,
        amountFen: amount,
        sortOrder: SORT_BASE.vacancy_discount,
      });
    }
    await insertLines(manager, lines);
  }
}
