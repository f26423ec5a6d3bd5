import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  ErrorCode,
  OFFLINE_TENDER_METHODS,
  PaymentStatus,
  PayTargetKind,
  type IPayableItem,
  type IPayables,
  type IPayTarget,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { BillSettlement } from '../billing/bill-settlement';
import { ChargeSettlement } from '../charges/charge-settlement.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { Payables } from './payables';
import type { PaymentFacts, PrepayBalanceReader, PrepaySpender, RecordPaymentInput, TopupSink } from './payment-inputs';
import { Payment, PaymentAllocation } from './payments.entity';
import { ReceiptsService, type OpenReceiptInput } from './receipts.service';

export type {
  AllocationInput,
  PaymentFacts,
  PrepayBalanceReader,
  PrepaySpender,
  RecordPaymentInput,
  TopupSink,
} from './payment-inputs';

type MoneyOwner = Pick<Payment, 'companyId' | 'projectId' | 'houseId'> & { prepayOfferId?: number | null };

/**
 * The payments core (docs/payments.md): payables of a house, recording a tender with its allocations, the
 * second person's decision on an offline one, and putting money on / taking it off bills, charges and
 * prepayment. All writes run inside the caller's transaction with their audit rows (R10).
 */
@Injectable()
export class PaymentsService {
  private topupSink: TopupSink | null = null;
  private prepaySpender: PrepaySpender | null = null;
  private prepayBalanceReader: PrepayBalanceReader | null = null;
  private readonly payables: Payables;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bills: BillSettlement,
    private readonly charges: ChargeSettlement,
    private readonly receipts: ReceiptsService,
    private readonly property: PropertyDirectory,
    private readonly audit: AuditService,
  ) {
    this.payables = new Payables(bills, charges, property, (houseId, tx) => this.prepayBalanceOf(houseId, tx));
  }

  /** Prepay calls this once at start-up. */
  useTopupSink(sink: TopupSink): void {
    this.topupSink = sink;
  }

  /** Prepay calls this once at start-up; without it the desk refuses the 预存抵扣 tender (422). */
  usePrepaySpender(spender: PrepaySpender, balance: PrepayBalanceReader): void {
    this.prepaySpender = spender;
    this.prepayBalanceReader = balance;
  }

  get canSpendPrepay(): boolean {
    return this.prepaySpender !== null;
  }

  /** Takes a recorded `prepaid` payment's money out of the house's account, in the caller's transaction. */
  async spendPrepay(tx: EntityManager, spend: Parameters<PrepaySpender>[1]): Promise<void> {
    if (!this.prepaySpender) throw DomainException.validation('method', '预存抵扣暂未开通，请选择其他收款方式');
    await this.prepaySpender(tx, spend);
  }

  prepayBalanceOf(houseId: number, tx: EntityManager = this.db.manager): Promise<number> {
    return this.prepayBalanceReader ? this.prepayBalanceReader(tx, houseId) : Promise.resolve(0);
  }

  openReceipt(tx: EntityManager, input: OpenReceiptInput): Promise<{ id: number; number: string }> {
    return this.receipts.open(tx, input);
  }

  /** Open bills and charges of a house, oldest first, with the prepayment balance (payables.ts). */
  payablesOfHouse(houseId: number, tx: EntityManager = this.db.manager): Promise<IPayables> {
    return this.payables.ofHouse(houseId, tx);
  }

  /** The chosen bills/charges of a house as payable items (payables.ts). */
  targetItems(
    houseId: number,
    targets: readonly IPayTarget[],
    tx: EntityManager = this.db.manager,
  ): Promise<IPayableItem[]> {
    return this.payables.targetItems(houseId, targets, tx);
  }

  /** Records one tender. Confirmed → its allocations are applied now; pending → when approved. Returns its id. */
  async recordPayment(tx: EntityManager, input: RecordPaymentInput): Promise<number> {
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
      throw DomainException.validation('amountFen', '金额必须为正整数（分）');
    if (input.allocations.some((a) => !Number.isSafeInteger(a.amountFen) || a.amountFen <= 0))
      throw DomainException.validation('allocations', '分配金额必须为正整数（分）');
    if (input.allocations.reduce((s, a) => s + a.amountFen, 0) !== input.amountFen)
      throw DomainException.validation('allocations', '分配金额合计必须等于收款金额');
    if (input.status === PaymentStatus.PendingApproval && !OFFLINE_TENDER_METHODS.includes(input.method)) {
      throw DomainException.validation('method', '只有现金、转账、POS收款需要复核');
    }
    const at = now();
    const inserted = await tx.getRepository(Payment).insert({
      companyId: input.companyId,
      projectId: input.projectId,
      houseId: input.houseId,
      receiptId: input.receiptId,
      payOrderId: input.payOrderId ?? null,
      method: input.method,
      status: input.status,
      amountFen: input.amountFen,
      refundedFen: 0,
      reference: input.reference ?? null,
      collectedBy: input.collectedBy,
      approvedBy: null,
      decidedAt: null,
      rejectReason: null,
      paidAt: at,
      createdAt: at,
    });
    const paymentId = Number(inserted.identifiers[0].id);
    await tx.getRepository(PaymentAllocation).insert(
      input.allocations.map((a) => ({
        paymentId,
        kind: a.kind,
        targetId: a.targetId,
        amountFen: a.amountFen,
        title: a.title.slice(0, 80),
        applied: false,
        reversedFen: 0,
      })),
    );
    if (input.status === PaymentStatus.Confirmed) await this.applyAllocations(tx, paymentId, input);
    await this.audit.record(tx, {
      actorId: input.collectedBy ?? input.actorId ?? null,
      action: 'payment.record',
      entityType: 'payment',
      entityId: paymentId,
      companyId: input.companyId,
      projectId: input.projectId,
      after: {
        method: input.method,
        status: input.status,
        amountFen: input.amountFen,
        receiptId: input.receiptId,
        payOrderId: input.payOrderId ?? null,
        allocations: input.allocations,
      },
    });
    return paymentId;
  }

  /**
   * A second person (never the collector) approves or rejects an offline payment. The status moves by a
   * conditional update (a racing second decision gets 409 with the current state); approving applies the
   * allocations, re-checked against the items' balances (409 when they were paid meanwhile).
   */
  async decidePending(
    tx: EntityManager,
    paymentId: number,
    approverId: number,
    approve: boolean,
    reason?: string | null,
  ): Promise<void> {
    const payment = await tx.getRepository(Payment).findOneBy({ id: paymentId });
    if (!payment) throw DomainException.notFound('收款记录');
    if (payment.collectedBy === approverId) throw DomainException.forbidden('收款人不能复核自己的收款');
    if (!approve && !reason?.trim()) throw DomainException.validation('reason', '驳回原因不能为空');
    const decided = await tx
      .createQueryBuilder()
      .update(Payment)
      .set({
        status: approve ? PaymentStatus.Confirmed : PaymentStatus.Rejected,
        approvedBy: approverId,
        decidedAt: now(),
        rejectReason: approve ? null : reason!.trim().slice(0, 200),
      })
      .where('id = :id AND status = :pending', { id: paymentId, pending: PaymentStatus.PendingApproval })
      .execute();
    if (decided.affected !== 1) throw await this.paymentConflict(tx, paymentId);
    if (approve) await this.applyAllocations(tx, paymentId, payment);
    await this.audit.record(tx, {
      actorId: approverId,
      action: approve ? 'payment.approve' : 'payment.reject',
      entityType: 'payment',
      entityId: paymentId,
      companyId: payment.companyId,
      projectId: payment.projectId,
      before: { status: payment.status },
      after: { status: approve ? PaymentStatus.Confirmed : PaymentStatus.Rejected },
      reason: reason ?? null,
    });
  }

  /**
   * Takes `fen` of a payment back off its targets, newest allocation first (the refund of a payment that
   * paid an old and a new bill reopens the new one first). Used by a succeeded refund.
   */
  async reverseAllocations(
    tx: EntityManager,
    paymentId: number,
    fen: number,
  ): Promise<{ kind: PayTargetKind; targetId: number; amountFen: number }[]> {
    const payment = await tx.getRepository(Payment).findOneByOrFail({ id: paymentId });
    const allocations = await tx
      .getRepository(PaymentAllocation)
      .find({ where: { paymentId, applied: true }, order: { id: 'DESC' } });
    let rest = fen;
    const reversed: { kind: PayTargetKind; targetId: number; amountFen: number }[] = [];
    for (const a of allocations) {
      if (rest === 0) break;
      const take = Math.min(rest, a.amountFen - a.reversedFen);
      if (take <= 0) continue;
      if (!(await this.moveMoney(tx, payment, a.kind, a.targetId, take, paymentId, true))) continue;
      await tx.getRepository(PaymentAllocation).update({ id: a.id }, { reversedFen: a.reversedFen + take });
      reversed.push({ kind: a.kind, targetId: a.targetId, amountFen: take });
      rest -= take;
    }
    if (rest !== 0)
      throw DomainException.conflict('退款金额超过收款的可退金额', { paymentId, refundableFen: fen - rest });
    return reversed;
  }

  private async applyAllocations(tx: EntityManager, paymentId: number, p: MoneyOwner): Promise<void> {
    const allocations = await tx
      .getRepository(PaymentAllocation)
      .find({ where: { paymentId, applied: false }, order: { id: 'ASC' } });
    const moved: number[] = [];
    for (const a of allocations)
      if (await this.moveMoney(tx, p, a.kind, a.targetId, a.amountFen, paymentId, false)) moved.push(a.id);
    if (moved.length) await tx.getRepository(PaymentAllocation).update({ id: In(moved) }, { applied: true });
  }

  /**
   * Puts money on (or takes it off) one target. A top-up with no prepayment module registered stays
   * unapplied (false): the money was received, so the payment is still recorded and finance refunds it.
   */
  private async moveMoney(
    tx: EntityManager,
    p: MoneyOwner,
    kind: PayTargetKind,
    targetId: number,
    fen: number,
    paymentId: number,
    reversal: boolean,
  ): Promise<boolean> {
    if (kind === PayTargetKind.Bill)
      await (reversal ? this.bills.reversePaid(tx, targetId, fen) : this.bills.applyPaid(tx, targetId, fen));
    else if (kind === PayTargetKind.Charge)
      await (reversal ? this.charges.reversePaid(tx, targetId, fen) : this.charges.applyPaid(tx, targetId, fen));
    else if (!this.topupSink) return false;
    else
      await this.topupSink(tx, {
        companyId: p.companyId,
        projectId: p.projectId,
        houseId: p.houseId,
        paymentId,
        amountFen: fen,
        reversal,
        offerId: reversal ? null : (p.prepayOfferId ?? null),
      });
    return true;
  }

  /** Facts of these payments (unknown ids are left out), for invoice requests. */
  async invoiceFacts(ids: readonly number[], tx: EntityManager = this.db.manager): Promise<PaymentFacts[]> {
    if (!ids.length) return [];
    const rows = await tx.getRepository(Payment).findBy({ id: In([...ids]) });
    return rows.map((r) => ({
      id: r.id,
      companyId: r.companyId,
      projectId: r.projectId,
      houseId: r.houseId,
      method: r.method,
      status: r.status,
      amountFen: r.amountFen,
      refundedFen: r.refundedFen,
    }));
  }

  async paymentConflict(tx: EntityManager, paymentId: number): Promise<DomainException> {
    const p = await tx.getRepository(Payment).findOneBy({ id: paymentId });
    return new DomainException(ErrorCode.StateConflict, '收款状态已变化，请刷新后重试', HttpStatus.CONFLICT, {
      current: p ? { id: p.id, status: p.status, approvedBy: p.approvedBy, amountFen: p.amountFen } : null,
    });
  }
}

export { billTitle, chargeTitle } from './payables';
