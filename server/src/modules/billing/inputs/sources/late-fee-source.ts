import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BillLineKind, BillStatus, monthsBetween } from '@app/shared';
import { Bill, BillLine } from '../../billing.entity';
import { SORT_BASE, type BillBatch, type BillLineSource } from '../../run/line-source';
import { policyRow } from '../late-fee-policy.service';
import { lateFeeIncrement } from '../late-fee-rule';
import { batchBills, insertLines, NewLine } from './batch';

/** Late-fee lines name the overdue month in item_code ("LF-2026-10"), which is how earlier charges are found. */
export const lateFeeCode = (period: string): string => `LF-${period}`;

/**
 * 滞纳金 (off unless the project switched it on): one line per overdue earlier published bill of the house,
 * the increment of late-fee-rule.ts. A bill's principal is its total without its own (unwaived) late-fee
 * lines, so fees never bear fees.
 */
@Injectable()
export class LateFeeLineSource implements BillLineSource {
  readonly kind = BillLineKind.LateFee;

  async insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    const policy = await policyRow(manager, batch.projectId);
    if (!policy?.enabled || !policy.enabledFrom) return;
    const overdue = await manager
      .getRepository(Bill)
      .createQueryBuilder('b')
      .select([
        'b.id AS id',
        'b.house_id AS house_id',
        'b.period AS period',
        'b.total_fen AS total_fen',
        'b.paid_fen AS paid_fen',
      ])
      .addSelect(
        `(SELECT COALESCE(SUM(l.amount_fen), 0) FROM bill_lines l WHERE l.bill_id = b.id AND l.kind = '${BillLineKind.LateFee}' AND l.waived = 0)`,
        'own_late_fen',
      )
      .where(
        'b.project_id = :projectId AND b.house_id BETWEEN :from AND :to AND b.status = :published AND b.period < :period',
        {
          projectId: batch.projectId,
          from: batch.houseIdFrom,
          to: batch.houseIdTo,
          published: BillStatus.Published,
          period: batch.period,
        },
      )
      .andWhere('b.total_fen > b.paid_fen')
      .orderBy('b.house_id', 'ASC')
      .addOrderBy('b.period', 'ASC')
      .getRawMany<{
        id: number;
        house_id: number;
        period: string;
        total_fen: number;
        paid_fen: number;
        own_late_fen: number | string;
      }>();
    if (!overdue.length) return;
    const charged = await manager
      .getRepository(BillLine)
      .createQueryBuilder('l')
      .innerJoin(Bill, 'b', 'b.id = l.bill_id')
      .select(['l.house_id AS house_id', 'l.item_code AS item_code', 'SUM(l.amount_fen) AS fen'])
      .where(
        'b.project_id = :projectId AND l.house_id BETWEEN :from AND :to AND l.kind = :kind AND b.status <> :void',
        {
          projectId: batch.projectId,
          from: batch.houseIdFrom,
          to: batch.houseIdTo,
          kind: BillLineKind.LateFee,
          void: BillStatus.Void,
        },
      )
      .groupBy('l.house_id')
      .addGroupBy('l.item_code')
      .getRawMany<{ house_id: number; item_code: string; fen: number | string }>();
    const chargedFen = new Map(charged.map((c) => [`${Number(c.house_id)}|${c.item_code}`, Number(c.fen)]));
    const bills = await batchBills(manager, batch);
    const terms = {
      graceDays: policy.graceDays,
      dailyRatePer100k: policy.dailyRatePer100k,
      capPercent: policy.capPercent,
      enabledFrom: policy.enabledFrom,
    };
    const lines: NewLine[] = [];
    for (const o of overdue) {
      const houseId = Number(o.house_id);
      const billId = bills.get(houseId);
      if (billId === undefined) continue;
      const code = lateFeeCode(o.period);
      const { days, lineFen } = lateFeeIncrement(
        {
          period: o.period,
          principalFen: Number(o.total_fen) - Number(o.own_late_fen),
          paidFen: Number(o.paid_fen),
          chargedFen: chargedFen.get(`${houseId}|${code}`) ?? 0,
        },
        batch.period,
        terms,
      );
      if (lineFen <= 0) continue;
      lines.push({
        billId,
        houseId,
        period: batch.period,
        kind: BillLineKind.LateFee,
        itemCode: code,
        name: `滞纳金（${o.period} 账单）`,
        quantityText: `逾期 ${days} 天`,
        unitPriceFen: null,
        amountFen: lineFen,
        sortOrder: SORT_BASE.late_fee + monthsBetween('2000-01', o.period),
      });
    }
    await insertLines(manager, lines);
  }
}
