import { HttpStatus } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ErrorCode,
  PaymentStatus,
  PayTargetKind,
  type IPayableItem,
  type IPayables,
  type IPayTarget,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { BillSettlement } from '../billing/bill-settlement';
import { ChargeSettlement } from '../charges/charge-settlement.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { Payment, PaymentAllocation } from './payments.entity';

export const billTitle = (period: string) => `${period} 物业账单`;
export const chargeTitle = (serial: string | null, id: number) => `特约服务 ${serial ?? `#${id}`}`;

/**
 * What a house owes (docs/payments.md "Recording a payment"): its open bills and payable charges, oldest first,
 * each balance net of offline payments still waiting for approval. Used by PaymentsService (which owns it).
 */
export class Payables {
  constructor(
    private readonly bills: BillSettlement,
    private readonly charges: ChargeSettlement,
    private readonly property: PropertyDirectory,
    private readonly prepayBalance: (houseId: number, tx: EntityManager) => Promise<number>,
  ) {}

  /**
   * Open bills and charges of a house, oldest first; balance = total − paid − offline payments still waiting
   * for approval (they reserve their amount). `prepayBalanceFen` comes from prepay's registered reader (0 without one).
   */
  async ofHouse(houseId: number, tx: EntityManager): Promise<IPayables> {
    const [bills, charges, labels, prepayBalanceFen] = await Promise.all([
      this.bills.openBillsOfHouse(houseId, tx),
      this.charges.payableOfHouse(houseId, tx),
      this.property.houseLabels([houseId], tx),
      this.prepayBalance(houseId, tx),
    ]);
    const pending = await this.pendingByTarget(
      tx,
      bills.map((b) => b.id),
      charges.map((c) => c.id),
    );
    const items: IPayableItem[] = [
      ...bills.map((b) => ({
        kind: 'bill' as const,
        id: b.id,
        projectId: b.projectId,
        houseId: b.houseId,
        title: billTitle(b.period),
        period: b.period,
        ticketSerial: null,
        totalFen: b.totalFen,
        paidFen: b.paidFen,
        balanceFen: Math.max(0, b.totalFen - b.paidFen - (pending.get(`bill:${b.id}`) ?? 0)),
        dueSince: b.publishedAt.toISOString(),
      })),
      ...charges.map((c) => ({
        kind: 'charge' as const,
        id: c.id,
        projectId: c.projectId,
        houseId: c.houseId,
        title: chargeTitle(c.ticketSerial, c.id),
        period: null,
        ticketSerial: c.ticketSerial,
        totalFen: c.totalFen,
        paidFen: c.paidFen,
        balanceFen: Math.max(0, c.totalFen - c.paidFen - (pending.get(`charge:${c.id}`) ?? 0)),
        dueSince: c.postedAt.toISOString(),
      })),
    ].sort(
      (a, b) =>
        Date.parse(a.dueSince) - Date.parse(b.dueSince) ||
        (a.kind === b.kind ? a.id - b.id : a.kind === 'bill' ? -1 : 1),
    );
    return {
      houseId,
      houseLabel: labels.get(houseId)?.label ?? '',
      items,
      totalBalanceFen: items.reduce((s, i) => s + i.balanceFen, 0),
      prepayBalanceFen,
    };
  }

  /**
   * The chosen bills/charges of a house as payable items (balance after pending offline payments); a bill
   * with `lineIds` is capped at those lines' amount. Anything not open on this house answers 422/409.
   */
  async targetItems(houseId: number, targets: readonly IPayTarget[], tx: EntityManager): Promise<IPayableItem[]> {
    if (!targets.length) throw DomainException.validation('targets', '请选择要缴纳的账单或费用');
    const seen = new Set<string>();
    const payables = await this.ofHouse(houseId, tx);
    const items: IPayableItem[] = [];
    for (const t of targets) {
      const key = `${t.kind}:${t.id}`;
      if (seen.has(key)) throw DomainException.validation('targets', '缴费项目不能重复');
      seen.add(key);
      const item = payables.items.find((i) => i.kind === t.kind && i.id === t.id);
      if (!item || item.balanceFen <= 0) {
        throw new DomainException(
          ErrorCode.StateConflict,
          t.kind === 'bill' ? '账单不存在或已付清，请刷新' : '费用不存在或已付清，请刷新',
          HttpStatus.CONFLICT,
          { current: payables },
        );
      }
      if (t.lineIds?.length) {
        if (t.kind !== 'bill') throw DomainException.validation('targets', '只有账单可以选择明细');
        const linesFen = await this.bills.linesAmount(t.id, t.lineIds, tx);
        if (linesFen === null) throw DomainException.validation('targets', '账单明细不存在');
        items.push({ ...item, balanceFen: Math.min(item.balanceFen, linesFen) });
      } else items.push(item);
    }
    return items.filter((i) => i.balanceFen > 0);
  }

  private async pendingByTarget(
    tx: EntityManager,
    billIds: number[],
    chargeIds: number[],
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!billIds.length && !chargeIds.length) return out;
    const qb = tx
      .getRepository(PaymentAllocation)
      .createQueryBuilder('a')
      .innerJoin(Payment, 'p', 'p.id = a.payment_id')
      .select('a.kind', 'kind')
      .addSelect('a.target_id', 'targetId')
      .addSelect('SUM(a.amount_fen)', 'fen')
      .where('p.status = :pending', { pending: PaymentStatus.PendingApproval })
      .andWhere(
        '((a.kind = :bill AND a.target_id IN (:...billIds)) OR (a.kind = :charge AND a.target_id IN (:...chargeIds)))',
        {
          bill: PayTargetKind.Bill,
          charge: PayTargetKind.Charge,
          billIds: billIds.length ? billIds : [0],
          chargeIds: chargeIds.length ? chargeIds : [0],
        },
      )
      .groupBy('a.kind')
      .addGroupBy('a.target_id');
    for (const r of await qb.getRawMany<{ kind: string; targetId: number | string; fen: number | string }>())
      out.set(`${r.kind}:${Number(r.targetId)}`, Number(r.fen));
    return out;
  }
}
