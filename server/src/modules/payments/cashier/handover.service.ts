import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Permission, PaymentStatus, RefundStatus, TenderMethod, type IHandoverSummary } from '@app/shared';
import type { Principal } from '../../../common/principal';
import { AccessService } from '../../identity/access.service';
import { UserDirectory } from '../../identity/user-directory.service';
import { Payment, Receipt, Refund } from '../payments.entity';

type CashierRow = IHandoverSummary['cashiers'][number];

/** A Shanghai calendar day as [start, end) instants. */
export const shanghaiDayRange = (day: string): [Date, Date] => {
  const start = new Date(Date.parse(`${day}T00:00:00.000+08:00`));
  return [start, new Date(start.getTime() + 86_400_000)];
};

const METHOD_ORDER = Object.values(TenderMethod);

/**
 * 交班汇总 (docs/payments.md "Cashier desk"): per cashier, for one Shanghai day, what they took by method (all
 * but rejected tenders — pending ones are shown apart as 待复核), refunds they handed back, receipts issued.
 */
@Injectable()
export class HandoverService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly users: UserDirectory,
  ) {}

  async summary(principal: Principal, projectId: number, date: string): Promise<IHandoverSummary> {
    this.access.assertProject(principal, projectId, Permission.PaymentView);
    const [from, to] = shanghaiDayRange(date);
    const [taken, refunds, receipts] = await Promise.all([
      this.db
        .getRepository(Payment)
        .createQueryBuilder('p')
        .select('p.collected_by', 'cashierId')
        .addSelect('p.method', 'method')
        .addSelect('p.status', 'status')
        .addSelect('COUNT(*)', 'count')
        .addSelect('SUM(p.amount_fen)', 'fen')
        .where('p.project_id = :projectId AND p.collected_by IS NOT NULL AND p.status <> :rejected', {
          projectId,
          rejected: PaymentStatus.Rejected,
        })
        .andWhere('p.paid_at >= :from AND p.paid_at < :to', { from, to })
        .groupBy('p.collected_by')
        .addGroupBy('p.method')
        .addGroupBy('p.status')
        .getRawMany<{
          cashierId: number | string;
          method: TenderMethod;
          status: PaymentStatus;
          count: number | string;
          fen: number | string;
        }>(),
      this.db
        .getRepository(Refund)
        .createQueryBuilder('r')
        .select('r.completed_by', 'cashierId')
        .addSelect('SUM(r.amount_fen)', 'fen')
        .where('r.project_id = :projectId AND r.completed_by IS NOT NULL AND r.status = :done', {
          projectId,
          done: RefundStatus.Succeeded,
        })
        .andWhere('r.finished_at >= :from AND r.finished_at < :to', { from, to })
        .groupBy('r.completed_by')
        .getRawMany<{ cashierId: number | string; fen: number | string }>(),
      this.db
        .getRepository(Receipt)
        .createQueryBuilder('rc')
        .select('rc.issued_by', 'cashierId')
        .addSelect('COUNT(*)', 'count')
        .where('rc.project_id = :projectId AND rc.issued_by IS NOT NULL', { projectId })
        .andWhere('rc.issued_at >= :from AND rc.issued_at < :to', { from, to })
        .groupBy('rc.issued_by')
        .getRawMany<{ cashierId: number | string; count: number | string }>(),
    ]);

    const rows = new Map<number, CashierRow>();
    const row = (id: number | string): CashierRow => {
      const key = Number(id);
      if (!rows.has(key))
        rows.set(key, {
          cashierId: key,
          cashierName: '',
          byMethod: [],
          totalFen: 0,
          pendingApprovalFen: 0,
          refundsFen: 0,
          receiptCount: 0,
        });
      return rows.get(key)!;
    };
    for (const t of taken) {
      const r = row(t.cashierId);
      const fen = Number(t.fen);
      let slot = r.byMethod.find((b) => b.method === t.method);
      if (!slot) r.byMethod.push((slot = { method: t.method, count: 0, amountFen: 0 }));
      slot.count += Number(t.count);
      slot.amountFen += fen;
      r.totalFen += fen;
      if (t.status === PaymentStatus.PendingApproval) r.pendingApprovalFen += fen;
    }
    for (const f of refunds) row(f.cashierId).refundsFen += Number(f.fen);
    for (const c of receipts) row(c.cashierId).receiptCount += Number(c.count);

    const people = await this.users.people([...rows.keys()]);
    const cashiers = [...rows.values()]
      .map((r) => ({
        ...r,
        cashierName: people.get(r.cashierId)?.name ?? `#${r.cashierId}`,
        byMethod: r.byMethod.sort((a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method)),
      }))
      .sort((a, b) => a.cashierName.localeCompare(b.cashierName, 'zh-CN') || a.cashierId - b.cashierId);
    return { projectId, date, cashiers };
  }
}
