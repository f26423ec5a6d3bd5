import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { addMinutes, now } from '../../../common/time';
import { isUniqueViolation } from '../../../database/errors';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { WechatPayClient, WechatPayError } from '../../wechat-pay/wechat-pay.client';
import type { ReverseResult } from '../../wechat-pay/wechat-pay.types';
import { PaymentSweep } from '../wechat/payment-scheduler';
import { CashierCollection } from './cashier-collection.entity';
import { MicropayReversal, type ReversalReason, type ReversalStatus } from './micropay-reversal.entity';

/** How often the desk calls 撤销 while WeChat answers recall=Y (or cannot be reached), and how long it waits between. */
export const REVERSE_RETRY = { attempts: 5, intervalMs: 1_000 };
/** An unconfirmed reversal is tried again by the payment sweep at most this often, up to this many calls in all. */
const SWEEP_AFTER_MINUTES = 1;
const MAX_ATTEMPTS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ReversalInput {
  companyId: number;
  projectId: number;
  houseId: number;
  collectedBy: number;
  outTradeNo: string;
  amountFen: number;
  reason: ReversalReason;
}

/**
 * 撤销 of 付款码 orders the desk could not record (docs/cashier.md "撤销"): still USERPAYING after the wait, no
 * definite answer, or paid but the collection was not written. WeChat closes an unpaid order and refunds a paid
 * one, so the resident is never charged for money the desk has no payment for. Each reversal is one row (unique
 * per out_trade_no) plus an audit entry; a collection that did record the order is never reversed.
 */
@Injectable()
export class MicropayReversals implements OnModuleInit {
  private readonly log = new Logger('MicropayReversals');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly client: WechatPayClient,
    private readonly audit: AuditService,
    private readonly sweep: PaymentSweep,
  ) {}

  onModuleInit(): void {
    this.sweep.useTask('micropay reverse retry', () => this.retryPending());
  }

  /**
   * Reversals WeChat did not confirm at the desk, one call each per pass (claimed by their attempt count, so one
   * instance calls); after MAX_ATTEMPTS they are failed for finance. Returns how many ended.
   */
  async retryPending(limit = 20): Promise<number> {
    const repo = this.db.getRepository(MicropayReversal);
    const due = await repo.find({
      where: { status: 'pending', updatedAt: LessThanOrEqual(addMinutes(now(), -SWEEP_AFTER_MINUTES)) },
      order: { id: 'ASC' },
      take: limit,
    });
    let ended = 0;
    for (const row of due) {
      const attempts = row.attempts + 1;
      const claim = await repo.update(
        { id: row.id, status: 'pending', attempts: row.attempts },
        { attempts, updatedAt: now() },
      );
      if (claim.affected !== 1) continue;
      const last = await this.call(row.outTradeNo);
      const status = this.statusOf(last, attempts >= MAX_ATTEMPTS);
      await this.finish(row, status, attempts, last);
      if (status !== 'pending') ended++;
    }
    return ended;
  }

  async reverse(input: ReversalInput): Promise<ReversalStatus | 'recorded'> {
    // A collection that recorded this order (a racing copy of the same submit) owns the money: never reverse it.
    if (await this.db.getRepository(CashierCollection).existsBy({ micropayOutTradeNo: input.outTradeNo }))
      return 'recorded';
    const row = await this.claim(input);
    if (row.status === 'reversed') return 'reversed';
    let last: ReverseResult = { state: 'RETRY', code: 'NOT_TRIED', message: '' };
    let attempts = row.attempts;
    for (let i = 0; i < REVERSE_RETRY.attempts; i++) {
      if (i > 0) await sleep(REVERSE_RETRY.intervalMs);
      attempts++;
      last = await this.call(input.outTradeNo);
      if (last.state !== 'RETRY') break;
    }
    const status = this.statusOf(last, false);
    await this.finish(row, status, attempts, last);
    if (status !== 'reversed')
      this.log.warn(
        { status, wechatPayCode: last.state === 'REVERSED' ? null : last.code },
        'micropay reverse not confirmed',
      );
    return status;
  }

  private statusOf(last: ReverseResult, lastTry: boolean): ReversalStatus {
    if (last.state === 'REVERSED' || last.state === 'ABSENT') return 'reversed';
    return last.state === 'FAILED' || lastTry ? 'failed' : 'pending';
  }

  private async finish(
    row: MicropayReversal,
    status: ReversalStatus,
    attempts: number,
    last: ReverseResult,
  ): Promise<void> {
    const lastCode = last.state === 'REVERSED' ? null : last.code.slice(0, 32);
    await runInTransaction(this.db, async (tx) => {
      await tx.getRepository(MicropayReversal).update({ id: row.id }, { status, attempts, lastCode, updatedAt: now() });
      if (status === 'pending' && row.attempts > 0) return; // one audit row for the desk's try, one for the end
      await this.audit.record(tx, {
        actorId: row.collectedBy,
        action: 'payment.micropay_reverse',
        entityType: 'micropay_reversal',
        entityId: row.id,
        companyId: row.companyId,
        projectId: row.projectId,
        reason: row.reason,
        after: { outTradeNo: row.outTradeNo, amountFen: row.amountFen, status, attempts, lastCode },
      });
    });
  }

  private async claim(input: ReversalInput): Promise<MicropayReversal> {
    const repo = this.db.getRepository(MicropayReversal);
    const at = now();
    try {
      await repo.insert({ ...input, status: 'pending', attempts: 0, lastCode: null, createdAt: at, updatedAt: at });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return repo.findOneByOrFail({ outTradeNo: input.outTradeNo });
  }

  private async call(outTradeNo: string): Promise<ReverseResult> {
    try {
      return await this.client.reverseMicropay(outTradeNo);
    } catch (error) {
      if (!(error instanceof WechatPayError)) throw error;
      if (error.kind === 'misconfigured') return { state: 'FAILED', code: error.code, message: error.message };
      return { state: 'RETRY', code: error.code, message: error.message };
    }
  }
}
