import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { IPayment, IPaymentAllocation, IPaymentShipping, IReceipt } from '@app/shared';
import { UserDirectory } from '../identity/user-directory.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { PayOrder, Payment, PaymentAllocation, Receipt } from './payments.entity';

/** Shapes payments and receipts for the API (names and house labels resolved in one query each). */
@Injectable()
export class PaymentViews {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly property: PropertyDirectory,
    private readonly users: UserDirectory,
  ) {}

  async payments(rows: Payment[], tx: EntityManager = this.db.manager): Promise<IPayment[]> {
    if (!rows.length) return [];
    const ids = rows.map((p) => p.id);
    const orderIds = rows.map((p) => p.payOrderId).filter((id): id is number => id !== null);
    const [allocations, receipts, labels, people, orders] = await Promise.all([
      tx.getRepository(PaymentAllocation).find({ where: { paymentId: In(ids) }, order: { id: 'ASC' } }),
      tx
        .getRepository(Receipt)
        .find({ select: { id: true, number: true }, where: { id: In(rows.map((p) => p.receiptId ?? 0)) } }),
      this.property.houseLabels(
        rows.map((p) => p.houseId),
        tx,
      ),
      this.users.people(
        rows.flatMap((p) => [p.collectedBy, p.approvedBy]),
        tx,
      ),
      orderIds.length ? tx.getRepository(PayOrder).find({ where: { id: In(orderIds) } }) : Promise.resolve([]),
    ]);
    const shipping = new Map(orders.map((o) => [o.id, shippingOf(o)]));
    const numbers = new Map(receipts.map((r) => [r.id, r.number]));
    return rows.map((p) => ({
      id: p.id,
      projectId: p.projectId,
      houseId: p.houseId,
      houseLabel: labels.get(p.houseId)?.label ?? '',
      method: p.method,
      status: p.status,
      amountFen: p.amountFen,
      refundedFen: p.refundedFen,
      reference: p.reference,
      receiptId: p.receiptId,
      receiptNo: p.receiptId ? (numbers.get(p.receiptId) ?? null) : null,
      collectedBy: p.collectedBy,
      collectedByName: p.collectedBy ? (people.get(p.collectedBy)?.name ?? null) : null,
      approvedBy: p.approvedBy,
      approvedByName: p.approvedBy ? (people.get(p.approvedBy)?.name ?? null) : null,
      rejectReason: p.rejectReason,
      paidAt: p.paidAt.toISOString(),
      allocations: allocations.filter((a) => a.paymentId === p.id).map(toAllocation),
      shipping: p.payOrderId ? (shipping.get(p.payOrderId) ?? null) : null,
    }));
  }

  async receipt(receipt: Receipt, tx: EntityManager = this.db.manager): Promise<IReceipt> {
    const payments = await tx.getRepository(Payment).find({ where: { receiptId: receipt.id }, order: { id: 'ASC' } });
    const allocations = payments.length
      ? await tx
          .getRepository(PaymentAllocation)
          .find({ where: { paymentId: In(payments.map((p) => p.id)) }, order: { id: 'ASC' } })
      : [];
    const [labels, people] = await Promise.all([
      this.property.houseLabels([receipt.houseId], tx),
      this.users.people([receipt.issuedBy], tx),
    ]);
    const counted = payments.filter((p) => p.status !== 'rejected');
    return {
      id: receipt.id,
      number: receipt.number,
      projectId: receipt.projectId,
      houseId: receipt.houseId,
      houseLabel: labels.get(receipt.houseId)?.label ?? '',
      totalFen: counted.reduce((s, p) => s + p.amountFen, 0),
      payments: payments.map((p) => ({ id: p.id, method: p.method, amountFen: p.amountFen, status: p.status })),
      allocations: allocations.filter((a) => counted.some((p) => p.id === a.paymentId)).map(toAllocation),
      issuedAt: receipt.issuedAt.toISOString(),
      issuedByName: receipt.issuedBy ? (people.get(receipt.issuedBy)?.name ?? null) : null,
      printCount: receipt.printCount,
    };
  }
}

const toAllocation = (a: PaymentAllocation): IPaymentAllocation => ({
  kind: a.kind,
  targetId: a.targetId,
  title: a.title,
  amountFen: a.amountFen,
});

const shippingOf = (o: PayOrder): IPaymentShipping | null =>
  o.shippingStatus
    ? {
        status: o.shippingStatus,
        attempts: o.shippingAttempts,
        errcode: o.shippingErrcode,
        errmsg: o.shippingErrmsg,
        uploadedAt: o.shippingUploadedAt?.toISOString() ?? null,
      }
    : null;
