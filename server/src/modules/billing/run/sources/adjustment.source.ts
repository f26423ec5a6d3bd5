import type { EntityManager } from 'typeorm';
import { BillLineKind } from '@app/shared';
import { BillAdjustment } from '../../billing.entity';
import { batchBills, insertLineRows } from '../batch-rows';
import { SORT_BASE, type BillBatch, type BillLineSource } from '../line-source';

/**
 * Corrections of earlier published bills (BillCorrect, audited when added) land on the house's next bill:
 * the run's batch claims the pending ones for its month (`claimAdjustments`), this source writes one line
 * per adjustment of the month — again on a reissue, which claims nothing new.
 */
export class AdjustmentSource implements BillLineSource {
  readonly kind = BillLineKind.Adjustment;

  async insertLines(manager: EntityManager, batch: BillBatch): Promise<void> {
    const adjustments = await manager
      .getRepository(BillAdjustment)
      .createQueryBuilder('a')
      .where('a.project_id = :projectId AND a.house_id BETWEEN :from AND :to AND a.applied_period = :period', {
        projectId: batch.projectId,
        from: batch.houseIdFrom,
        to: batch.houseIdTo,
        period: batch.period,
      })
      .orderBy('a.id', 'ASC')
      .getMany();
    if (!adjustments.length) return;
    const bills = new Map((await batchBills(manager, batch)).map((b) => [b.houseId, b.billId]));
    const rows = adjustments
      .filter((a) => bills.has(a.houseId))
      .map((a, index) => ({
        billId: bills.get(a.houseId)!,
        houseId: a.houseId,
        period: batch.period,
        kind: BillLineKind.Adjustment,
        name: `调整：${a.reason}`.slice(0, 80),
        quantityText: '1',
        amountFen: a.amountFen,
        sortOrder: SORT_BASE.adjustment + index,
      }));
    await insertLineRows(manager, rows);
  }
}

/** Pending adjustments of the batch's houses go to this month (in the batch's transaction). */
export async function claimAdjustments(manager: EntityManager, batch: BillBatch): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(BillAdjustment)
    .set({ appliedPeriod: batch.period })
    .where('project_id = :projectId AND house_id BETWEEN :from AND :to AND applied_period IS NULL', {
      projectId: batch.projectId,
      from: batch.houseIdFrom,
      to: batch.houseIdTo,
    })
    .execute();
}
