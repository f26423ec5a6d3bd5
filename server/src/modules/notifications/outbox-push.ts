import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { runInTransaction } from '../../database/transactions';
import { now } from '../../common/time';
import type { PushAddress } from '../identity/user-directory.service';
import { chinaTime, buildData } from './subscribe-fields';
import { SUBSCRIBE_TOPIC, templateValues, type MessageFacts } from './message.types';
import { OutboxMessage, SubscribeCredit, type DeliveryOutcome, type OutboxStatus } from './outbox.entity';
import type { PushReply } from './push-http';
import { PUSH_CHANNELS, type PushChannels } from './push-channels';

/** Errcodes that retrying cannot fix (wechat.md §A4): 43101 no credit, 47003 bad field, config/data bugs. */
const FINAL_ERRCODES = new Set([43101, 47003, 40037, 40003, 41030, 43107, 45168, 81013, 60020, 301002]);

export interface Verdict {
  status: OutboxStatus | 'retry';
  channel: string;
  outcome: DeliveryOutcome;
  errcode?: number | null;
  detail?: string;
}

/** One push of one outbox row: picks the channel, spends or refunds subscribe credit, and judges the reply. */
@Injectable()
export class OutboxPush {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PUSH_CHANNELS) private readonly channels: PushChannels,
  ) {}

  /** Picks the channel: WeCom for staff where configured, else a subscribe message while credit lasts, else inbox only. */
  async push(row: OutboxMessage, address: PushAddress | undefined, signal?: AbortSignal): Promise<Verdict> {
    if (!address || !address.active)
      return { status: 'inbox_only', channel: 'inbox', outcome: 'skipped', detail: 'recipient inactive' };
    const facts: MessageFacts = row.facts ? (JSON.parse(row.facts) as MessageFacts) : {};
    if (this.channels.wecom && address.wecomUserId) {
      const reply = await this.channels.wecom.sendCard(
        {
          to: [address.wecomUserId],
          title: row.title,
          description: [row.body, facts.serial ? `工单号：${facts.serial}` : ''].filter(Boolean).join('\n'),
          url: this.link(row, address.resident),
        },
        signal,
      );
      return this.judge('wecom', reply, async () => undefined);
    }
    const topic = SUBSCRIBE_TOPIC[row.kind];
    const templateId = topic ? this.config.notifications.templates[topic] : null;
    if (!this.channels.wechat || !topic || !templateId || !address.openId) {
      return {
        status: 'inbox_only',
        channel: 'inbox',
        outcome: 'skipped',
        detail: 'no push channel for this recipient',
      };
    }
    const built = buildData(
      templateValues(
        topic,
        row.kind,
        { ...facts, at: chinaTime(facts.at ? new Date(facts.at) : row.createdAt) },
        row.title,
      ),
    );
    if ('invalid' in built)
      return {
        status: 'failed',
        channel: 'wechat',
        outcome: 'failed',
        detail: `field ${built.invalid} cannot be made valid`,
      };
    if (!(await this.spendCredit(row.userId, templateId))) {
      return { status: 'inbox_only', channel: 'inbox', outcome: 'skipped', detail: 'no subscribe credit' };
    }
    const reply = await this.channels.wechat.send(
      { touser: address.openId, templateId, page: this.page(row, address.resident), data: built.data },
      signal,
    );
    return this.judge('wechat', reply, async (refund) => {
      if (refund === 'zero') await this.setCredit(row.userId, templateId, 0);
      else await this.setCredit(row.userId, templateId, 'refund');
    });
  }

  private async judge(
    channel: string,
    reply: PushReply,
    credit: (what: 'zero' | 'refund') => Promise<void>,
  ): Promise<Verdict> {
    if (reply.errcode === 0) return { status: 'sent', channel, outcome: 'sent', errcode: 0 };
    const detail = reply.transport ? `transport: ${reply.transport}` : `errcode ${reply.errcode}`;
    if (reply.errcode === 43101) {
      await credit('zero');
      return {
        status: 'inbox_only',
        channel,
        outcome: 'failed',
        errcode: 43101,
        detail: 'no subscription credit (43101)',
      };
    }
    if (reply.errcode !== null && FINAL_ERRCODES.has(reply.errcode)) {
      await credit('refund');
      return { status: 'failed', channel, outcome: 'failed', errcode: reply.errcode, detail };
    }
    // -1 busy, 43108 concurrent, transport failures, a token the platform keeps refusing: try again later.
    await credit('refund');
    return { status: 'retry', channel, outcome: 'retry', errcode: reply.errcode, detail };
  }

  private async spendCredit(userId: number, templateId: string): Promise<boolean> {
    const result = await runInTransaction(this.db, (tx) =>
      tx
        .getRepository(SubscribeCredit)
        .createQueryBuilder()
        .update()
        .set({ credits: () => 'credits - 1', updatedAt: now() })
        .where('user_id = :userId AND template_id = :templateId AND credits > 0', { userId, templateId })
        .execute(),
    );
    return Boolean(result.affected);
  }

  private async setCredit(userId: number, templateId: string, to: 0 | 'refund'): Promise<void> {
    await runInTransaction(this.db, (tx) =>
      tx
        .getRepository(SubscribeCredit)
        .createQueryBuilder()
        .update()
        .set({ credits: to === 0 ? 0 : () => 'credits + 1', updatedAt: now() })
        .where('user_id = :userId AND template_id = :templateId', { userId, templateId })
        .execute(),
    );
  }

  /** Mini-program page the subscribe message opens. */
  private page(row: OutboxMessage, resident: boolean): string {
    if (!row.ticketId) return 'pages/index/index';
    return resident
      ? `packages/resident/pages/ticket/index?id=${row.ticketId}`
      : `packages/technician/pages/job/index?id=${row.ticketId}`;
  }

  /** H5 link on a WeCom card (staff open it in WeCom's browser). */
  private link(row: OutboxMessage, resident: boolean): string {
    return `${this.config.publicBaseUrl}/h5/#/${this.page(row, resident)}`;
  }
}
