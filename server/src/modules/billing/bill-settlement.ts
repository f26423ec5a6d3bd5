import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { BillStatus, ErrorCode } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Bill, BillLine } from './billing.entity';

/** A published bill as payments see it. */
export interface PayableBill {
  id: number;
  companyId: number;
  projectId: number;
  houseId: number;
  period: string;
  totalFen: number;
  paidFen: number;
  publishedAt: Date;
}

/**
 * What payments may do with bills (docs/payments.md "Settling a bill"); billing never imports payments.
 * A bill is paid when paid_fen = total_fen. Every change is one conditional UPDATE inside the caller's
 * transaction: a payment that would overpay, or reach a bill voided meanwhile, affects 0 rows → 409.
 */
@Injectable()
export class BillSettlement {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The house's published bills with a balance, oldest first (period, then publish time). */
  async openBillsOfHouse(houseId: number, tx: EntityManager = this.db.manager): Promise<PayableBill[]> {
    const rows = await tx
      .getRepository(Bill)
      .createQueryBuilder('b')
      .where('b.house_id = :houseId AND b.status = :published AND b.paid_fen < b.total_fen', {
        houseId,
        published: BillStatus.Published,
      })
      .orderBy('b.period', 'ASC')
      .addOrderBy('b.published_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .getMany();
    return rows.map(toPayable);
  }

  /** The given bills if published (others are left out). */
  async published(ids: readonly number[], tx: EntityManager = this.db.manager): Promise<PayableBill[]> {
    if (!ids.length) return [];
    return (await tx.getRepository(Bill).findBy({ id: In([...ids]), status: BillStatus.Published })).map(toPayable);
  }

  /** Any bills' periods and amounts, whatever their state (views, refunds). */
  async summaries(
    ids: readonly number[],
    tx: EntityManager = this.db.manager,
  ): Promise<Map<number, { period: string; status: BillStatus; totalFen: number; paidFen: number }>> {
    if (!ids.length) return new Map();
    const rows = await tx.getRepository(Bill).find({
      select: { id: true, period: true, status: true, totalFen: true, paidFen: true },
      where: { id: In([...ids]) },
    });
    return new Map(
      rows.map((b) => [b.id, { period: b.period, status: b.status, totalFen: b.totalFen, paidFen: b.paidFen }]),
    );
  }

  /** Σ of the chosen lines of a bill (waived lines count 0); null when a line id is not on the bill. */
  async linesAmount(
    billId: number,
    lineIds: readonly number[],
    tx: EntityManager = this.db.manager,
  ): Promise<number | null> {
    const unique = [...new Set(lineIds)];
    if (!unique.length) return null;
    const lines = await tx.getRepository(BillLine).findBy({ billId, id: In(unique) });
    if (lines.length !== unique.length) return null;
    return lines.reduce((s, l) => s + (l.waived ? 0 : l.amountFen), 0);
  }

  async applyPaid(tx: EntityManager, billId: number, fen: number): Promise<void> {
    if (!Number.isSafeInteger(fen) || fen <= 0) throw new RangeError(`fen must be a positive integer, got ${fen}`);
    const result = await tx
      .createQueryBuilder()
      .update(Bill)
      .set({ paidFen: () => `paid_fen + ${fen}` })
      .where('id = :id AND status = :published AND paid_fen + :fen <= total_fen', {
        id: billId,
        published: BillStatus.Published,
        fen,
      })
      .execute();
    if (result.affected !== 1) throw await this.conflict(tx, billId);
  }

  /** A succeeded refund takes `fen` back off the bill (it is unpaid again by that much). */
  async reversePaid(tx: EntityManager, billId: number, fen: number): Promise<void> {
    if (!Number.isSafeInteger(fen) || fen <= 0) throw new RangeError(`fen must be a positive integer, got ${fen}`);
    const result = await tx
      .createQueryBuilder()
      .update(Bill)
      .set({ paidFen: () => `paid_fen - ${fen}` })
      .where('id = :id AND paid_fen >= :fen', { id: billId, fen })
      .execute();
    if (result.affected !== 1) throw await this.conflict(tx, billId);
  }

  private async conflict(tx: EntityManager, billId: number): Promise<DomainException> {
    const b = await tx.getRepository(Bill).findOneBy({ id: billId });
    return new DomainException(
      ErrorCode.StateConflict,
      '账单状态已变化（可能已付清或已作废），请刷新后重试',
      HttpStatus.CONFLICT,
      {
        current: b
          ? { kind: 'bill', id: b.id, status: b.status, period: b.period, totalFen: b.totalFen, paidFen: b.paidFen }
          : null,
      },
    );
  }
}

const toPayable = (b: Bill): PayableBill => ({
  id: b.id,
  companyId: b.companyId,
  projectId: b.projectId,
  houseId: b.houseId,
  period: b.period,
  totalFen: b.totalFen,
  paidFen: b.paidFen,
  publishedAt: b.publishedAt ?? b.createdAt,
});
