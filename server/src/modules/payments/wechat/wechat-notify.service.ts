import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HeaderBag } from '../../wechat-pay/wechat-pay.crypto';
import { WechatPayClient } from '../../wechat-pay/wechat-pay.client';
import { PayOrder } from '../payments.entity';
import type { NotifyAnswer } from './raw-body';
import { PayOrdersService } from './pay-orders.service';
import { RefundsService } from './refunds.service';

/**
 * WeChat Pay notifies (wechat.md §A7.3): verified on the raw body by the wxpay client, then the business checks
 * (mchid, appid, known order, amount, state); the effect is exactly once (PayOrdersService.settle).
 */
@Injectable()
export class WechatNotifyService {
  private readonly log = new Logger('WechatNotify');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly client: WechatPayClient,
    private readonly orders: PayOrdersService,
    private readonly refunds: RefundsService,
  ) {}

  async handle(
    headers: HeaderBag,
    rawBody: string | undefined,
    expect: 'transaction' | 'refund',
  ): Promise<NotifyAnswer> {
    if (rawBody === undefined) return { status: 400, message: 'empty body' };
    const verified = this.client.verifyNotify(headers, rawBody);
    if (!verified.ok) {
      this.log.warn(`notify rejected: ${verified.reason}`);
      return {
        status: verified.reason === 'malformed-body' || verified.reason === 'missing-headers' ? 400 : 401,
        message: verified.reason,
      };
    }
    if (verified.kind !== expect) return { status: 400, message: 'unexpected event type' };
    if (verified.kind === 'refund') return this.refunds.onNotice(verified.resource);

    const txn = verified.resource;
    if (txn.mchid !== this.client.mchid || txn.appid !== this.client.appId)
      return { status: 400, message: 'mchid/appid mismatch' };
    const order = await this.db.getRepository(PayOrder).findOneBy({ outTradeNo: String(txn.out_trade_no) });
    if (!order) return { status: 404, message: 'unknown out_trade_no' };
    if (txn.amount?.total !== order.amountFen) {
      this.log.warn(`notify amount differs from order ${order.id}`);
      return { status: 400, message: 'amount mismatch' };
    }
    // Only SUCCESS moves money; other states are acknowledged and left to the query.
    if (txn.trade_state !== 'SUCCESS') return { status: 204 };
    await this.orders.settle(order.id, {
      transactionId: String(txn.transaction_id ?? ''),
      amountFen: txn.amount.total,
      successTime: txn.success_time,
    });
    return { status: 204 };
  }
}
