import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import {
  ErrorCode,
  Permission,
  PaymentStatus,
  RefundStatus,
  formatFen,
  type IDecideRefundRequest,
  type IRefund,
  type IRequestRefundRequest,
  type TenderMethod,
} from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import type { Principal } from '../../../common/principal';
import { addMinutes, now } from '../../../common/time';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { BindingDirectory } from '../../bindings/binding-directory.service';
import { AccessService } from '../../identity/access.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { WechatPayClient, WechatPayError } from '../../wechat-pay/wechat-pay.client';
import type { WechatRefund, WechatRefundNotice } from '../../wechat-pay/wechat-pay.types';
import { PayOrder, Payment, Refund } from '../payments.entity';
import { PaymentsService } from '../payments.service';
import { newOutRefundNo } from './order-rules';
import type { NotifyAnswer } from './raw-body';
import { RefundViews } from './refund-views';

const WECHAT_METHODS: readonly TenderMethod[] = ['wechat_jsapi', 'wechat_micropay'];
/** Cash, transfer and POS refunds are handed back by the cashier (completeRefund). */
const DESK_METHODS: readonly TenderMethod[] = ['cash', 'transfer', 'pos'];

/**
 * Refunds (docs/payments.md "Refunds"): requested with a reason, approved by finance (never the requester),
 * WeChat ones sent to WeChat Pay and finished by its notify or a query, desk ones finished by the cashier. An
 * approved refund reserves its amount on the payment (payments.refunded_fen, a conditional update), so two
 * approvals can never refund more than was paid; a succeeded one takes the money back off the items.
 */
@Injectable()
export class RefundsService {
  private readonly log = new Logger('Refunds');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly payments: PaymentsService,
    private readonly residents: BindingDirectory,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly client: WechatPayClient,
    private readonly refundViews: RefundViews,
  ) {}

  async request(principal: Principal, body: IRequestRefundRequest): Promise<IRefund> {
    const payment = await this.db.getRepository(Payment).findOneBy({ id: body.paymentId });
    if (!payment || !this.access.canActOnProject(principal, payment.projectId, Permission.RefundRequest))
      throw DomainException.notFound('收款记录');
    if (payment.status !== PaymentStatus.Confirmed)
      throw new DomainException(ErrorCode.StateConflict, '只有已入账的收款可以退款', HttpStatus.CONFLICT, {
        current: { id: payment.id, status: payment.status },
      });
    if (payment.method === 'prepaid')
      throw DomainException.validation('paymentId', '预存抵扣不能直接退款，请在预存账户中处理');
    const refundable = payment.amountFen - payment.refundedFen;
    if (body.amountFen > refundable)
      throw DomainException.validation('amountFen', `退款金额不能超过可退金额 ${formatFen(refundable)}`);
    const id = await runInTransaction(this.db, async (tx) => {
      const at = now();
      const inserted = Number(
        (
          await tx.getRepository(Refund).insert({
            companyId: payment.companyId,
            projectId: payment.projectId,
            houseId: payment.houseId,
            paymentId: payment.id,
            method: payment.method,
            amountFen: body.amountFen,
            reason: body.reason.trim(),
            status: RefundStatus.Requested,
            requestedBy: principal.userId,
            decidedBy: null,
            decisionReason: null,
            decidedAt: null,
            outRefundNo: null,
            wxRefundId: null,
            completedBy: null,
            reference: null,
            queryCount: 0,
            nextQueryAt: null,
            finishedAt: null,
            createdAt: at,
          })
        ).identifiers[0].id,
      );
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'refund.request',
        entityType: 'refund',
        entityId: inserted,
        companyId: payment.companyId,
        projectId: payment.projectId,
        after: { paymentId: payment.id, amountFen: body.amountFen },
        reason: body.reason,
      });
      return inserted;
    });
    return this.refundViews.view(id);
  }

  async decide(principal: Principal, id: number, body: IDecideRefundRequest): Promise<IRefund> {
    const refund = await this.db.getRepository(Refund).findOneBy({ id });
    if (!refund || !this.access.canActOnProject(principal, refund.projectId, Permission.RefundApprove))
      throw DomainException.notFound('退款申请');
    if (refund.requestedBy === principal.userId) throw DomainException.forbidden('申请人不能审批自己的退款申请');
    if (!body.approve && !body.reason?.trim()) throw DomainException.validation('reason', '请填写驳回原因');
    const wechat = WECHAT_METHODS.includes(refund.method);
    await runInTransaction(this.db, async (tx) => {
      const decided = await tx
        .createQueryBuilder()
        .update(Refund)
        .set({
          status: body.approve ? RefundStatus.Approved : RefundStatus.Rejected,
          decidedBy: principal.userId,
          decidedAt: now(),
          decisionReason: body.reason?.trim() || null,
          finishedAt: body.approve ? null : now(),
          outRefundNo: body.approve && wechat ? newOutRefundNo(id) : null,
          nextQueryAt: body.approve && wechat ? addMinutes(now(), 1) : null,
        })
        .where('id = :id AND status = :requested', { id, requested: RefundStatus.Requested })
        .execute();
      if (decided.affected !== 1) throw await this.conflict(tx, id);
      if (body.approve) {
        const reserved = await tx
          .createQueryBuilder()
          .update(Payment)
          .set({ refundedFen: () => `refunded_fen + ${refund.amountFen}` })
          .where('id = :id AND refunded_fen + :fen <= amount_fen', { id: refund.paymentId, fen: refund.amountFen })
          .execute();
        if (reserved.affected !== 1)
          throw DomainException.conflict('该笔收款的可退金额不足（已有其他退款）', { paymentId: refund.paymentId });
      }
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: body.approve ? 'refund.approve' : 'refund.reject',
        entityType: 'refund',
        entityId: id,
        companyId: refund.companyId,
        projectId: refund.projectId,
        after: { amountFen: refund.amountFen },
        reason: body.reason ?? null,
      });
    });
    if (body.approve && wechat) await this.sendToWechat(id);
    return this.refundViews.view(id);
  }

  /** The cashier records that an approved cash/transfer/POS refund was handed back. */
  async complete(principal: Principal, id: number, reference?: string): Promise<IRefund> {
    const refund = await this.db.getRepository(Refund).findOneBy({ id });
    if (!refund || !this.access.canActOnProject(principal, refund.projectId, Permission.PaymentCollect))
      throw DomainException.notFound('退款申请');
    if (!DESK_METHODS.includes(refund.method))
      throw DomainException.validation('id', '微信退款由微信支付完成，无需登记');
    await runInTransaction(this.db, async (tx) => {
      if (
        !(await this.finish(tx, refund, principal.userId, {
          reference: reference?.trim() || null,
          completedBy: principal.userId,
        }))
      )
        throw await this.conflict(tx, id);
    });
    return this.refundViews.view(id);
  }

  /** A verified REFUND.* notify (business checks here: mchid, known refund, amount). */
  async onNotice(n: WechatRefundNotice): Promise<NotifyAnswer> {
    if (n.mchid !== this.client.mchid) return { status: 400, message: 'mchid mismatch' };
    const refund = await this.db.getRepository(Refund).findOneBy({ outRefundNo: String(n.out_refund_no) });
    if (!refund) return { status: 404, message: 'unknown out_refund_no' };
    if (n.amount?.refund !== refund.amountFen) return { status: 400, message: 'amount mismatch' };
    await this.apply(refund, n.refund_status, n.refund_id);
    return { status: 204 };
  }

  /** Scheduler: approved WeChat refunds still without an outcome; one instance claims each by moving next_query_at. */
  async sweep(limit = 50): Promise<number> {
    const due = await this.db.getRepository(Refund).find({
      where: { status: RefundStatus.Approved, nextQueryAt: LessThanOrEqual(now()) },
      order: { id: 'ASC' },
      take: limit,
    });
    let done = 0;
    for (const r of due) {
      const claimed = await this.db
        .createQueryBuilder()
        .update(Refund)
        .set({
          nextQueryAt: addMinutes(now(), Math.min(60, 2 ** Math.min(r.queryCount, 6))),
          queryCount: () => 'query_count + 1',
        })
        .where('id = :id AND status = :approved AND next_query_at = :seen', {
          id: r.id,
          approved: RefundStatus.Approved,
          seen: r.nextQueryAt,
        })
        .execute();
      if (claimed.affected !== 1) continue;
      try {
        const remote = await this.client.queryRefund(r.outRefundNo!);
        if (!remote) await this.sendToWechat(r.id);
        else if (await this.apply(r, remote.status, remote.refund_id)) done++;
      } catch (e) {
        this.log.warn(`refund query failed: ${(e as Error).message}`);
      }
    }
    return done;
  }

  private async sendToWechat(id: number): Promise<void> {
    const refund = await this.db.getRepository(Refund).findOneByOrFail({ id });
    const payment = await this.db.getRepository(Payment).findOneByOrFail({ id: refund.paymentId });
    const order = payment.payOrderId
      ? await this.db.getRepository(PayOrder).findOneBy({ id: payment.payOrderId })
      : null;
    let answer: WechatRefund;
    try {
      answer = await this.client.refund({
        outTradeNo: order?.outTradeNo ?? payment.reference ?? '',
        outRefundNo: refund.outRefundNo!,
        reason: refund.reason.slice(0, 80),
        refundFen: refund.amountFen,
        totalFen: order?.amountFen ?? payment.amountFen,
      });
    } catch (error) {
      // Unavailable: the scheduler asks again (same out_refund_no, so never twice). Rejected: it failed.
      if (error instanceof WechatPayError && error.kind !== 'unavailable')
        await this.apply(refund, 'ABNORMAL', null, error.code);
      else this.log.warn(`refund send failed: ${(error as Error).message}`);
      return;
    }
    await this.apply(refund, answer.status, answer.refund_id);
  }

  /** Applies a WeChat refund outcome once: SUCCESS finishes it, CLOSED/ABNORMAL fail it (releasing the reservation). */
  private async apply(refund: Refund, status: string, wxRefundId: string | null, why?: string): Promise<boolean> {
    if (status === 'PROCESSING') return false;
    return runInTransaction(this.db, async (tx) => {
      if (status === 'SUCCESS') return this.finish(tx, refund, null, { wxRefundId });
      const failed = await tx
        .createQueryBuilder()
        .update(Refund)
        .set({ status: RefundStatus.Failed, finishedAt: now(), nextQueryAt: null, wxRefundId })
        .where('id = :id AND status = :approved', { id: refund.id, approved: RefundStatus.Approved })
        .execute();
      if (failed.affected !== 1) return false;
      await tx
        .createQueryBuilder()
        .update(Payment)
        .set({ refundedFen: () => `refunded_fen - ${refund.amountFen}` })
        .where('id = :id', { id: refund.paymentId })
        .execute();
      await this.audit.record(tx, {
        actorId: null,
        action: 'refund.fail',
        entityType: 'refund',
        entityId: refund.id,
        companyId: refund.companyId,
        projectId: refund.projectId,
        reason: why ?? status,
      });
      return true;
    });
  }

  /** approved → succeeded exactly once; the refunded money comes off the items (newest allocation first). */
  private async finish(
    tx: EntityManager,
    refund: Refund,
    actorId: number | null,
    extra: Partial<Refund>,
  ): Promise<boolean> {
    const done = await tx
      .createQueryBuilder()
      .update(Refund)
      .set({ ...extra, status: RefundStatus.Succeeded, finishedAt: now(), nextQueryAt: null })
      .where('id = :id AND status = :approved', { id: refund.id, approved: RefundStatus.Approved })
      .execute();
    if (done.affected !== 1) return false;
    const reversed = await this.payments.reverseAllocations(tx, refund.paymentId, refund.amountFen);
    await this.audit.record(tx, {
      actorId,
      action: 'refund.succeed',
      entityType: 'refund',
      entityId: refund.id,
      companyId: refund.companyId,
      projectId: refund.projectId,
      after: { amountFen: refund.amountFen, reversed },
    });
    const residents = (await this.residents.approvedResidentsOf([refund.houseId], tx)).get(refund.houseId) ?? [];
    await this.notifications.enqueue(tx, {
      kind: 'payment.refunded',
      recipients: residents,
      ref: `refund:${refund.id}`,
      title: '退款成功',
      body: `您的一笔缴费已退款 ${formatFen(refund.amountFen)}，原因：${refund.reason}`,
    });
    return true;
  }

  private async conflict(tx: EntityManager, id: number): Promise<DomainException> {
    const current = await tx.getRepository(Refund).findOneBy({ id });
    return new DomainException(ErrorCode.StateConflict, '退款申请状态已变化，请刷新后重试', HttpStatus.CONFLICT, {
      current: current ? (await this.refundViews.views([current], tx))[0] : null,
    });
  }
}
