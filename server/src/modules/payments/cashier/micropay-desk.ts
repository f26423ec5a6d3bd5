import { HttpStatus, Injectable } from '@nestjs/common';
import { ErrorCode } from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import { WechatPayClient, WechatPayError } from '../../wechat-pay/wechat-pay.client';
import type { MicropayResult } from '../../wechat-pay/wechat-pay.types';
import { MicropayReversals, type ReversalInput } from './micropay-reversals';

export interface MicropayPaid {
  outTradeNo: string;
  transactionId: string;
}

/** Where a 付款码 is taken: what a reversal records. */
export type MicropayDeskContext = Omit<ReversalInput, 'outTradeNo' | 'amountFen' | 'reason'>;

/** How often and how long the desk asks about a 付款码 the payer still has to confirm (USERPAYING). */
export const MICROPAY_POLL = { intervalMs: 1_000, maxWaitMs: 45_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 付款码 at the desk through the WeChat Pay client (docs/cashier.md): SUCCESS confirms at once; USERPAYING is polled
 * with an order query until the payer confirms or the wait ends. An order whose outcome stays unknown (still
 * USERPAYING after the wait, or no definite answer) is reversed (撤销), so the payer is never charged for a payment
 * the desk did not record. A retry of the same collection reuses its out_trade_no, so an order WeChat already took
 * (ORDERPAID / OUT_TRADE_NO_USED) is queried, never paid twice.
 */
@Injectable()
export class MicropayDesk {
  constructor(
    private readonly client: WechatPayClient,
    private readonly reversals: MicropayReversals,
  ) {}

  async charge(
    input: { outTradeNo: string; amountFen: number; authCode: string; description: string; clientIp: string },
    desk: MicropayDeskContext,
  ): Promise<MicropayPaid> {
    let result = await this.ask(() => this.client.micropay({ ...input, description: input.description.slice(0, 120) }));
    if (
      result.state === 'UNKNOWN' ||
      (result.state === 'FAILED' && (result.code === 'ORDERPAID' || result.code === 'OUT_TRADE_NO_USED'))
    ) {
      result = await this.ask(() => this.client.queryMicropay(input.outTradeNo));
    }
    const deadline = Date.now() + MICROPAY_POLL.maxWaitMs;
    while (result.state === 'USERPAYING' && Date.now() < deadline) {
      await sleep(MICROPAY_POLL.intervalMs);
      result = await this.ask(() => this.client.queryMicropay(input.outTradeNo));
    }
    switch (result.state) {
      case 'SUCCESS':
        if (result.amountFen !== input.amountFen) {
          throw new DomainException(
            ErrorCode.Conflict,
            `微信返回的付款金额与收款金额不符，请联系财务核对（商户单号 ${input.outTradeNo}）`,
            HttpStatus.CONFLICT,
            { outTradeNo: input.outTradeNo },
          );
        }
        return { outTradeNo: input.outTradeNo, transactionId: result.transactionId };
      case 'FAILED':
        throw DomainException.validation('authCode', `付款码收款失败：${result.message}`);
      default:
        return this.giveUp(input, desk, result.state === 'USERPAYING' ? 'userpaying' : 'unknown');
    }
  }

  /** The collection could not be written after WeChat took the money: reverse it (WeChat refunds the payer). */
  async reverseUnrecorded(
    order: { outTradeNo: string; amountFen: number },
    desk: MicropayDeskContext,
  ): Promise<boolean> {
    const status = await this.reversals.reverse({ ...desk, ...order, reason: 'unrecorded' });
    return status === 'reversed';
  }

  /** No definite outcome: reverse the order and say so; a reversal WeChat did not confirm is the finance team's. */
  private async giveUp(
    input: { outTradeNo: string; amountFen: number },
    desk: MicropayDeskContext,
    reason: 'userpaying' | 'unknown',
  ): Promise<never> {
    const status = await this.reversals.reverse({ ...desk, ...input, reason });
    if (status === 'reversed') {
      throw DomainException.validation(
        'authCode',
        reason === 'userpaying'
          ? '住户未在限定时间内确认支付，该笔付款码交易已撤销（不会扣款），请让住户刷新付款码后重新收款'
          : '微信支付未返回确定结果，该笔付款码交易已撤销（不会扣款），请让住户刷新付款码后重新收款',
      );
    }
    throw new DomainException(
      ErrorCode.WechatUnavailable,
      `微信支付暂时无法确认结果，撤销未完成；请勿重复扣款，稍后原样重新提交或联系财务核对（商户单号 ${input.outTradeNo}）`,
      HttpStatus.SERVICE_UNAVAILABLE,
      { outTradeNo: input.outTradeNo },
    );
  }

  private async ask(call: () => Promise<MicropayResult>): Promise<MicropayResult> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof WechatPayError) {
        if (error.kind === 'misconfigured')
          throw new DomainException(
            ErrorCode.WechatMisconfigured,
            '微信支付未配置，暂不能使用付款码收款',
            HttpStatus.SERVICE_UNAVAILABLE,
          );
        return { state: 'UNKNOWN', code: error.code, message: error.message };
      }
      throw error;
    }
  }
}
