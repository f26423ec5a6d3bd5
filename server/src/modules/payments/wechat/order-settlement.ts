import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PayOrderStatus, PayTargetKind, PaymentStatus, formatFen } from '@app/shared';
import { now } from '../../../common/time';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { BillSettlement } from '../../billing/bill-settlement';
import { ChargeSettlement } from '../../charges/charge-settlement.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { PayOrder } from '../payments.entity';
import { PaymentsService, type AllocationInput } from '../payments.service';
import { ShippingUploads } from './shipping-uploads';

/** What WeChat told us about a payment (verified notify or order query), already business-checked by the caller. */
export interface PaidFact {
  transactionId: string;
  amountFen: number;
  successTime: string | undefined;
}

/**
 * A paid WeChat order becomes a payment exactly once (docs/payments.md "Notify and exactly-once", R5): the
 * created→paid update claims it, and only its winner writes the payment, the receipt, the audit row, the resident's
 * message and the pending shipping upload, all in one transaction.
 */
@Injectable()
export class OrderSettlement {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly payments: PaymentsService,
    private readonly bills: BillSettlement,
    private readonly charges: ChargeSettlement,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly shipping: ShippingUploads,
  ) {}

  /**
   * Exactly once: the created→paid update claims the order; only its winner writes the payment, the receipt,
   * the audit row and the resident's message, all in this one transaction. False = already paid (a replay).
   */
  async settle(orderId: number, fact: PaidFact): Promise<boolean> {
    return runInTransaction(this.db, async (tx) => {
      const paidAt =
        fact.successTime && !Number.isNaN(Date.parse(fact.successTime)) ? new Date(fact.successTime) : now();
      const claimed = await tx
        .createQueryBuilder()
        .update(PayOrder)
        .set({
          status: PayOrderStatus.Paid,
          paidAt,
          transactionId: fact.transactionId.slice(0, 32),
          nextQueryAt: null,
          updatedAt: now(),
        })
        .where('id = :id AND status IN (:...open)', {
          id: orderId,
          open: [PayOrderStatus.Created, PayOrderStatus.Closed],
        })
        .execute();
      if (claimed.affected !== 1) return false;
      const order = await tx.getRepository(PayOrder).findOneByOrFail({ id: orderId });
      const allocations = await this.fit(tx, order);
      const receipt = await this.payments.openReceipt(tx, {
        companyId: order.companyId,
        projectId: order.projectId,
        houseId: order.houseId,
        issuedBy: null,
      });
      const paymentId = await this.payments.recordPayment(tx, {
        companyId: order.companyId,
        projectId: order.projectId,
        houseId: order.houseId,
        receiptId: receipt.id,
        method: 'wechat_jsapi',
        amountFen: order.amountFen,
        allocations,
        status: PaymentStatus.Confirmed,
        reference: fact.transactionId,
        collectedBy: null,
        payOrderId: order.id,
        actorId: order.payerUserId,
        prepayOfferId: order.prepayOfferId,
      });
      await tx.getRepository(PayOrder).update({ id: order.id }, { paymentId, receiptId: receipt.id });
      await this.shipping.enqueue(tx, order.id);
      await this.audit.record(tx, {
        actorId: null,
        action: 'pay_order.paid',
        entityType: 'pay_order',
        entityId: order.id,
        companyId: order.companyId,
        projectId: order.projectId,
        after: { transactionId: fact.transactionId, amountFen: fact.amountFen, paymentId, receiptNo: receipt.number },
      });
      await this.notifications.enqueue(tx, {
        kind: 'payment.received',
        recipients: [order.payerUserId],
        ref: `pay_order:${order.id}`,
        title: '缴费成功',
        body: `已收到您的微信支付 ${formatFen(order.amountFen)}（${order.description}），收据号 ${receipt.number}。`,
        facts: { subject: order.description, serial: receipt.number, status: '已支付', at: paidAt.toISOString() },
      });
      return true;
    });
  }

  /**
   * The money arrived: put it on the order's items up to what they still owe now (a cashier may have taken
   * part meanwhile); anything left goes to the house's prepayment account (docs/payments.md "Overpayment").
   */
  private async fit(tx: EntityManager, order: PayOrder): Promise<AllocationInput[]> {
    const planned = JSON.parse(order.targetsJson) as AllocationInput[];
    const billIds = planned.filter((a) => a.kind === PayTargetKind.Bill).map((a) => a.targetId);
    const chargeIds = planned.filter((a) => a.kind === PayTargetKind.Charge).map((a) => a.targetId);
    const bills = new Map((await this.bills.published(billIds, tx)).map((b) => [b.id, b.totalFen - b.paidFen]));
    const charges = new Map((await this.charges.payable(chargeIds, tx)).map((c) => [c.id, c.totalFen - c.paidFen]));
    const out: AllocationInput[] = [];
    let rest = order.amountFen;
    for (const a of planned) {
      const owed =
        a.kind === PayTargetKind.Bill
          ? (bills.get(a.targetId) ?? 0)
          : a.kind === PayTargetKind.Charge
            ? (charges.get(a.targetId) ?? 0)
            : a.amountFen;
      const take = Math.min(a.amountFen, owed, rest);
      if (take > 0) {
        out.push({ ...a, amountFen: take });
        rest -= take;
      }
    }
    if (rest > 0)
      out.push({ kind: PayTargetKind.PrepayTopup, targetId: order.houseId, amountFen: rest, title: '多付转入预存' });
    return out;
  }
}
