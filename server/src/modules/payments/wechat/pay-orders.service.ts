import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, PayOrderStatus, PayTargetKind, type ICreatePayOrderRequest, type IPayOrder } from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import type { Principal } from '../../../common/principal';
import { addMinutes, now } from '../../../common/time';
import { isUniqueViolation } from '../../../database/errors';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { BindingDirectory } from '../../bindings/binding-directory.service';
import { UserDirectory } from '../../identity/user-directory.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import type { WechatPayStandIn } from '../../wechat-pay/stand-in/wechatpay-stand-in';
import { WechatPayClient, WechatPayError } from '../../wechat-pay/wechat-pay.client';
import { WECHAT_PAY_STAND_IN } from '../../wechat-pay/wechat-pay.tokens';
import { PayOrder, Receipt } from '../payments.entity';
import { PaymentsService, type AllocationInput } from '../payments.service';
import {
  newOutTradeNo,
  nextQueryAt,
  orderDescription,
  ORDER_TTL_MINUTES,
  QUERY_ON_READ_AFTER_MS,
  REUSE_MARGIN_MS,
} from './order-rules';
import { OrderSettlement, type PaidFact } from './order-settlement';

export type { PaidFact } from './order-settlement';

const PREPAY_WAIT_MS = 15_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * WeChat Pay orders of residents (docs/payments.md "WeChat orders"). Creating is idempotent per payer and key
 * (the unique index decides the one winner; every other call waits for its prepay and answers the same order,
 * R6); the amount comes from the server's own view of the targets. An order becomes paid exactly once: a
 * conditional update created→paid inside the transaction that records the payment (R5).
 */
@Injectable()
export class PayOrdersService {
  private readonly log = new Logger('PayOrders');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly payments: PaymentsService,
    private readonly residents: BindingDirectory,
    private readonly property: PropertyDirectory,
    private readonly users: UserDirectory,
    private readonly audit: AuditService,
    private readonly client: WechatPayClient,
    @Inject(WECHAT_PAY_STAND_IN) private readonly standIn: WechatPayStandIn | null,
    private readonly settlement: OrderSettlement,
  ) {}

  async create(principal: Principal, body: ICreatePayOrderRequest): Promise<IPayOrder> {
    if (!this.client.enabled)
      throw new DomainException(
        ErrorCode.WechatMisconfigured,
        '暂未开通微信支付，请到物业前台缴费',
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    if (!(await this.residents.isApprovedResident(principal.userId, body.houseId)))
      throw DomainException.notFound('房屋');
    const existing = await this.db
      .getRepository(PayOrder)
      .findOneBy({ payerUserId: principal.userId, idempotencyKey: body.idempotencyKey });
    if (existing) return this.answer(existing);

    const allocations = await this.plan(body);
    const amountFen = allocations.reduce((s, a) => s + a.amountFen, 0);
    const targetsJson = JSON.stringify(allocations);
    // A still-valid order of the same payer for exactly these items is handed out again; an expired one is closed first.
    const open = await this.db.getRepository(PayOrder).find({
      where: { payerUserId: principal.userId, houseId: body.houseId, status: PayOrderStatus.Created },
      order: { id: 'DESC' },
    });
    for (const o of open.filter((o) => o.targetsJson === targetsJson && o.prepayId)) {
      if (o.expiresAt.getTime() - REUSE_MARGIN_MS > now().getTime()) return this.answer(o);
      await this.closeAtWechat(o, 'replaced');
    }
    const openid = (await this.users.pushAddresses([principal.userId])).get(principal.userId)?.openId;
    if (!openid) throw DomainException.forbidden('请在微信小程序中登录后再支付');
    const [house] = [...(await this.property.houseLabels([body.houseId])).values()];
    const project = await this.property.project(house.projectId);
    const createdAt = now();
    const order: Partial<PayOrder> = {
      companyId: project!.companyId,
      projectId: house.projectId,
      houseId: body.houseId,
      payerUserId: principal.userId,
      idempotencyKey: body.idempotencyKey,
      outTradeNo: newOutTradeNo(),
      status: PayOrderStatus.Created,
      amountFen,
      description: orderDescription(house.label, allocations),
      targetsJson,
      topupFen: body.topupFen ?? 0,
      prepayOfferId: body.prepayOfferId ?? null,
      prepayId: null,
      payTimeStamp: null,
      payNonce: null,
      expiresAt: addMinutes(createdAt, ORDER_TTL_MINUTES),
      paidAt: null,
      transactionId: null,
      paymentId: null,
      receiptId: null,
      queryCount: 0,
      nextQueryAt: null,
      createdAt,
      updatedAt: createdAt,
    };
    let id: number;
    try {
      id = await runInTransaction(this.db, async (tx) => {
        const inserted = Number((await tx.getRepository(PayOrder).insert(order)).identifiers[0].id);
        await this.audit.record(tx, {
          actorId: principal.userId,
          action: 'pay_order.create',
          entityType: 'pay_order',
          entityId: inserted,
          companyId: order.companyId,
          projectId: order.projectId,
          after: { outTradeNo: order.outTradeNo, amountFen, allocations },
        });
        return inserted;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another call with the same key won the insert: answer its order.
      return this.answer(
        await this.db
          .getRepository(PayOrder)
          .findOneByOrFail({ payerUserId: principal.userId, idempotencyKey: body.idempotencyKey }),
      );
    }
    return this.prepay(id, openid);
  }

  /** The resident's order; still unpaid a few seconds after it was made → ask WeChat (never the client's word). */
  async mine(principal: Principal, id: number): Promise<IPayOrder> {
    let order = await this.db.getRepository(PayOrder).findOneBy({ id });
    if (!order || order.payerUserId !== principal.userId) throw DomainException.notFound('支付订单');
    if (
      order.status === PayOrderStatus.Created &&
      order.prepayId &&
      now().getTime() - order.createdAt.getTime() >= QUERY_ON_READ_AFTER_MS
    ) {
      await this.queryAndSettle(order).catch((e: Error) => this.log.warn(`order query on read failed: ${e.message}`));
      order = await this.db.getRepository(PayOrder).findOneByOrFail({ id });
    }
    return this.view(order);
  }

  /**
   * Asks WeChat about an order and settles it when paid (the scheduler and myOrder). Returns the trade state,
   * or null when WeChat does not know the order.
   */
  async queryAndSettle(order: PayOrder): Promise<string | null> {
    const txn = await this.client.queryByOutTradeNo(order.outTradeNo);
    if (!txn) return null;
    if (
      txn.trade_state === 'SUCCESS' &&
      txn.mchid === this.client.mchid &&
      txn.appid === this.client.appId &&
      txn.amount.total === order.amountFen
    ) {
      await this.settle(order.id, {
        transactionId: txn.transaction_id ?? '',
        amountFen: txn.amount.total,
        successTime: txn.success_time,
      });
    }
    return txn.trade_state;
  }

  /** Exactly once (OrderSettlement): false = already paid (a replay). */
  settle(orderId: number, fact: PaidFact): Promise<boolean> {
    return this.settlement.settle(orderId, fact);
  }

  /** Closes an unpaid order at WeChat, then here (created→closed); a paid one is settled instead. */
  async closeAtWechat(order: PayOrder, why: 'expired' | 'replaced'): Promise<void> {
    try {
      await this.client.close(order.outTradeNo);
    } catch (error) {
      if (error instanceof WechatPayError && error.code === 'ORDERPAID') {
        await this.queryAndSettle(order);
        return;
      }
      if (!(error instanceof WechatPayError && error.code === 'ORDER_CLOSED')) throw error;
    }
    await runInTransaction(this.db, async (tx) => {
      const closed = await tx
        .createQueryBuilder()
        .update(PayOrder)
        .set({ status: PayOrderStatus.Closed, nextQueryAt: null, updatedAt: now() })
        .where('id = :id AND status = :created', { id: order.id, created: PayOrderStatus.Created })
        .execute();
      if (closed.affected === 1) {
        await this.audit.record(tx, {
          actorId: null,
          action: 'pay_order.close',
          entityType: 'pay_order',
          entityId: order.id,
          companyId: order.companyId,
          projectId: order.projectId,
          reason: why,
        });
      }
    });
  }

  async view(order: PayOrder): Promise<IPayOrder> {
    const payable = order.status === PayOrderStatus.Created && order.prepayId && order.expiresAt > now();
    const params = payable
      ? this.client.payParams(order.prepayId!, { timeStamp: order.payTimeStamp!, nonceStr: order.payNonce! })
      : null;
    const receiptNo = order.receiptId
      ? ((await this.db.getRepository(Receipt).findOneBy({ id: order.receiptId }))?.number ?? null)
      : null;
    return {
      id: order.id,
      outTradeNo: order.outTradeNo,
      houseId: order.houseId,
      status: order.status,
      amountFen: order.amountFen,
      description: order.description,
      expiresAt: order.expiresAt.toISOString(),
      paidAt: order.paidAt?.toISOString() ?? null,
      paymentId: order.paymentId,
      receiptNo,
      payParams: params
        ? {
            timeStamp: params.timeStamp,
            nonceStr: params.nonceStr,
            package: params.package,
            signType: params.signType,
            paySign: params.paySign,
          }
        : null,
      standInPayUrl: params && this.standIn ? this.standIn.cashierUrl(params) : null,
    };
  }

  /** The allocation of a new order: the targets' balances as the server sees them, or a top-up. */
  private async plan(body: ICreatePayOrderRequest): Promise<AllocationInput[]> {
    const hasTargets = Boolean(body.targets?.length);
    if (hasTargets === (body.topupFen !== undefined))
      throw DomainException.validation('targets', '请选择要缴纳的账单或费用，或填写预存金额（二选一）');
    if (!hasTargets)
      return [
        { kind: PayTargetKind.PrepayTopup, targetId: body.houseId, amountFen: body.topupFen!, title: '预存充值' },
      ];
    const items = await this.payments.targetItems(body.houseId, body.targets!);
    return items.map((i) => ({ kind: i.kind, targetId: i.id, amountFen: i.balanceFen, title: i.title }));
  }

  /** The one winner of the insert asks WeChat for the prepay_id; failures close the order (a new key retries). */
  private async prepay(id: number, openid: string): Promise<IPayOrder> {
    const order = await this.db.getRepository(PayOrder).findOneByOrFail({ id });
    try {
      const { prepayId } = await this.client.prepayJsapi({
        description: order.description,
        outTradeNo: order.outTradeNo,
        amountFen: order.amountFen,
        payerOpenid: openid,
        timeExpire: order.expiresAt,
        attach: `order:${order.id}`,
      });
      const fixed = this.client.payParams(prepayId);
      await this.db.getRepository(PayOrder).update(
        { id },
        {
          prepayId,
          payTimeStamp: fixed.timeStamp,
          payNonce: fixed.nonceStr,
          nextQueryAt: nextQueryAt(order.createdAt, order.expiresAt, 0),
          updatedAt: now(),
        },
      );
    } catch (error) {
      await this.db
        .getRepository(PayOrder)
        .update({ id, status: PayOrderStatus.Created }, { status: PayOrderStatus.Closed, updatedAt: now() });
      this.log.warn(`prepay failed: ${(error as Error).message}`);
      throw unavailable();
    }
    return this.view(await this.db.getRepository(PayOrder).findOneByOrFail({ id }));
  }

  /** Same key again: wait (bounded) for the winner's prepay, then answer exactly what it answers. */
  private async answer(order: PayOrder): Promise<IPayOrder> {
    const deadline = Date.now() + PREPAY_WAIT_MS;
    let current = order;
    while (current.status === PayOrderStatus.Created && !current.prepayId && Date.now() < deadline) {
      await sleep(50);
      current = await this.db.getRepository(PayOrder).findOneByOrFail({ id: order.id });
    }
    if (!current.prepayId && current.status !== PayOrderStatus.Paid) {
      if (current.status === PayOrderStatus.Closed) throw unavailable();
      throw DomainException.conflict('支付订单正在创建，请稍后重试', {
        current: { id: current.id, status: current.status },
      });
    }
    return this.view(current);
  }
}

const unavailable = () =>
  new DomainException(ErrorCode.WechatUnavailable, '微信支付暂时不可用，请稍后重试', HttpStatus.SERVICE_UNAVAILABLE);
