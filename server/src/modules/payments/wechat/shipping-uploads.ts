import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import { ShippingStatus } from '@app/shared';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { addMinutes, now } from '../../../common/time';
import { UserDirectory } from '../../identity/user-directory.service';
import { WechatPayClient, WechatPayError } from '../../wechat-pay/wechat-pay.client';
import { PayOrder } from '../payments.entity';

/** Minutes before try n+1 after try n failed for a passing reason; its length is the number of retries. */
export const SHIPPING_BACKOFF_MINUTES = [1, 5, 30, 120, 360, 720];
/** A claimed upload is left to its instance this long before another may take it (a crash mid-call). */
const CLAIM_MINUTES = 5;
/** errcodes worth another try: system busy, rate limit, and the payment not yet visible/shippable at WeChat. */
const RETRY_ERRCODES = new Set([-1, 45011, 10060001, 10060004, 10060019, 40001, 42001]);
/** 支付单已完成发货: an earlier try went through but its answer was lost. */
const ALREADY_SHIPPED = 10060002;

interface Outcome {
  status: ShippingStatus;
  errcode?: number | null;
  errmsg?: string | null;
}

/**
 * 发货信息管理 after a resident's WeChat payment (docs/payments.md "Shipping info", wechat.md §A7.4). Settling an
 * order marks it pending in the same transaction (so it exists exactly when the payment does); the payment sweep
 * then uploads it as virtual goods. Each try is claimed by a conditional update of `shipping_attempts`, so with
 * several instances exactly one uploads; passing failures are retried with backoff, refusals are recorded with
 * WeChat's errcode and not retried.
 */
@Injectable()
export class ShippingUploads {
  private readonly log = new Logger('ShippingUploads');
  private managed: { value: boolean; until: number } | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: WechatPayClient,
    private readonly users: UserDirectory,
  ) {}

  /** Inside the settling transaction: the order's upload is due now (or not required when uploads are off). */
  async enqueue(tx: EntityManager, orderId: number): Promise<void> {
    const on = this.config.shippingUpload.enabled;
    await tx.getRepository(PayOrder).update(
      { id: orderId },
      {
        shippingStatus: on ? ShippingStatus.Pending : ShippingStatus.NotRequired,
        shippingNextAt: on ? now() : null,
      },
    );
  }

  /** One pass over due uploads; returns how many it finished (uploaded, failed or not required). */
  async sweep(limit = 50): Promise<number> {
    const due = await this.db.getRepository(PayOrder).find({
      where: { shippingStatus: ShippingStatus.Pending, shippingNextAt: LessThanOrEqual(now()) },
      order: { shippingNextAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    let finished = 0;
    for (const order of due) {
      const attempt = order.shippingAttempts + 1;
      const claim = await this.db
        .createQueryBuilder()
        .update(PayOrder)
        .set({ shippingAttempts: attempt, shippingNextAt: addMinutes(now(), CLAIM_MINUTES) })
        .where('id = :id AND shipping_status = :pending AND shipping_attempts = :seen', {
          id: order.id,
          pending: ShippingStatus.Pending,
          seen: order.shippingAttempts,
        })
        .execute();
      if (claim.affected !== 1) continue; // another instance took this try
      const outcome = await this.tryUpload(order, attempt);
      if (await this.record(order.id, attempt, outcome)) finished += outcome.status === ShippingStatus.Pending ? 0 : 1;
    }
    return finished;
  }

  /** Forget the cached is_trade_managed answer (tests; an operator changing the mini-program's type). */
  forgetTradeManaged(): void {
    this.managed = null;
  }

  private async tryUpload(order: PayOrder, attempt: number): Promise<Outcome> {
    try {
      if (!(await this.tradeManaged())) return { status: ShippingStatus.NotRequired };
      const openid = (await this.users.pushAddresses([order.payerUserId])).get(order.payerUserId)?.openId;
      if (!openid) return { status: ShippingStatus.Failed, errcode: null, errmsg: '付款人没有微信 openid' };
      const result = await this.client.uploadShipping({
        outTradeNo: order.outTradeNo,
        transactionId: order.transactionId ?? undefined,
        payerOpenid: openid,
        itemDesc: order.description,
      });
      if (result.ok || result.errcode === ALREADY_SHIPPED) return { status: ShippingStatus.Uploaded };
      this.log.warn({ errcode: result.errcode, attempt }, 'shipping upload refused');
      const errmsg = result.errmsg.slice(0, 200);
      return RETRY_ERRCODES.has(result.errcode)
        ? this.retryOrFail(attempt, result.errcode, errmsg)
        : { status: ShippingStatus.Failed, errcode: result.errcode, errmsg };
    } catch (error) {
      if (!(error instanceof WechatPayError)) throw error;
      const errcode = Number(error.code);
      const code = Number.isInteger(errcode) ? errcode : null;
      // A missing mini-program channel will not fix itself; anything else (network, 5xx) may.
      if (error.kind === 'misconfigured') return { status: ShippingStatus.Failed, errcode: code, errmsg: error.code };
      return this.retryOrFail(attempt, code, error.message.slice(0, 200));
    }
  }

  private retryOrFail(attempt: number, errcode: number | null, errmsg: string): Outcome {
    return attempt > SHIPPING_BACKOFF_MINUTES.length
      ? { status: ShippingStatus.Failed, errcode, errmsg }
      : { status: ShippingStatus.Pending, errcode, errmsg };
  }

  /** Writes the try's outcome only if this try still owns the row (claimed attempt, still pending). */
  private async record(orderId: number, attempt: number, o: Outcome): Promise<boolean> {
    const at = now();
    const pending = o.status === ShippingStatus.Pending;
    const done = await this.db
      .createQueryBuilder()
      .update(PayOrder)
      .set({
        shippingStatus: o.status,
        shippingNextAt: pending ? addMinutes(at, SHIPPING_BACKOFF_MINUTES[attempt - 1]!) : null,
        shippingErrcode: o.errcode ?? null,
        shippingErrmsg: o.errmsg ?? null,
        shippingUploadedAt: o.status === ShippingStatus.Uploaded ? at : null,
        updatedAt: at,
      })
      .where('id = :id AND shipping_status = :pending AND shipping_attempts = :attempt', {
        id: orderId,
        pending: ShippingStatus.Pending,
        attempt,
      })
      .execute();
    return done.affected === 1;
  }

  /** is_trade_managed, trusted for WECHAT_SHIPPING_CHECK_SECONDS; a failed check throws (the try is retried). */
  private async tradeManaged(): Promise<boolean> {
    if (this.managed && Date.now() < this.managed.until) return this.managed.value;
    const value = await this.client.isTradeManaged();
    this.managed = { value, until: Date.now() + this.config.shippingUpload.tradeManagedTtlSeconds * 1000 };
    return value;
  }
}
