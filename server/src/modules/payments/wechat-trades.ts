import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PaymentStatus, RefundStatus, TenderMethod } from '@app/shared';
import { PayOrder, Payment, Refund } from './payments.entity';

/** A WeChat payment as recorded here, for reconciliation against WeChat Pay's trade bill. */
export interface LocalWechatPayment {
  paymentId: number;
  /** Our out_trade_no (from the pay order; null when the payment has none, e.g. recorded before orders existed). */
  outTradeNo: string | null;
  /** WeChat's transaction id (payments.reference). */
  transactionId: string | null;
  amountFen: number;
  refundedFen: number;
}

/** A WeChat refund that succeeded here. */
export interface LocalWechatRefund {
  refundId: number;
  outRefundNo: string | null;
  wxRefundId: string | null;
  outTradeNo: string | null;
  transactionId: string | null;
  amountFen: number;
}

const WECHAT_METHODS: TenderMethod[] = [TenderMethod.WechatJsapi, TenderMethod.WechatMicropay];
const shanghaiDay = (day: string, plusDays = 0): Date =>
  new Date(Date.parse(`${day}T00:00:00.000+08:00`) + plusDays * 86_400_000);

/**
 * What reconciliation reads from payments (docs/reconciliation.md): the confirmed WeChat payments paid on a Shanghai
 * day (WeChat's success time from the pay order when there is one), and the WeChat refunds that finished that day — the same day rule as WeChat's bill.
 * Added by the reconciliation helper so it never queries payments' tables itself.
 */
@Injectable()
export class WechatTrades {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ofDay(date: string): Promise<{ payments: LocalWechatPayment[]; refunds: LocalWechatRefund[] }> {
    const from = shanghaiDay(date);
    const to = shanghaiDay(date, 1);
    const payments = await this.db
      .getRepository(Payment)
      .createQueryBuilder('p')
      .leftJoin(PayOrder, 'o', 'o.id = p.pay_order_id')
      .select([
        'p.id AS id',
        'o.out_trade_no AS out_trade_no',
        'p.reference AS reference',
        'p.amount_fen AS amount_fen',
        'p.refunded_fen AS refunded_fen',
      ])
      .where('p.method IN (:...methods)', { methods: WECHAT_METHODS })
      .andWhere('p.status = :status', { status: PaymentStatus.Confirmed })
      // WeChat's success time (kept on the pay order) decides the bill day; a payment without an order uses its own time.
      .andWhere('COALESCE(o.paid_at, p.paid_at) >= :from AND COALESCE(o.paid_at, p.paid_at) < :to', { from, to })
      .orderBy('p.id', 'ASC')
      .getRawMany<{
        id: number;
        out_trade_no: string | null;
        reference: string | null;
        amount_fen: number;
        refunded_fen: number;
      }>();
    const refunds = await this.db
      .getRepository(Refund)
      .createQueryBuilder('r')
      .innerJoin(Payment, 'p', 'p.id = r.payment_id')
      .leftJoin(PayOrder, 'o', 'o.id = p.pay_order_id')
      .select([
        'r.id AS id',
        'r.out_refund_no AS out_refund_no',
        'r.wx_refund_id AS wx_refund_id',
        'o.out_trade_no AS out_trade_no',
        'p.reference AS reference',
        'r.amount_fen AS amount_fen',
      ])
      .where('r.method IN (:...methods)', { methods: WECHAT_METHODS })
      .andWhere('r.status = :status', { status: RefundStatus.Succeeded })
      .andWhere('r.finished_at >= :from AND r.finished_at < :to', { from, to })
      .orderBy('r.id', 'ASC')
      .getRawMany<{
        id: number;
        out_refund_no: string | null;
        wx_refund_id: string | null;
        out_trade_no: string | null;
        reference: string | null;
        amount_fen: number;
      }>();
    return {
      payments: payments.map((p) => ({
        paymentId: Number(p.id),
        outTradeNo: p.out_trade_no,
        transactionId: p.reference,
        amountFen: Number(p.amount_fen),
        refundedFen: Number(p.refunded_fen),
      })),
      refunds: refunds.map((r) => ({
        refundId: Number(r.id),
        outRefundNo: r.out_refund_no,
        wxRefundId: r.wx_refund_id,
        outTradeNo: r.out_trade_no,
        transactionId: r.reference,
        amountFen: Number(r.amount_fen),
      })),
    };
  }
}
