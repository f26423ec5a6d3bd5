import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { runInTransaction } from '../../database/transactions';
import { now } from '../../common/time';
import { UserDirectory } from '../identity/user-directory.service';
import { chinaTime, buildData } from './subscribe-fields';
import { SUBSCRIBE_TOPIC, templateValues, type MessageFacts } from './message.types';
import { DeliveryAttempt, OutboxMessage, SubscribeCredit, type DeliveryOutcome, type OutboxStatus } from './outbox.entity';
import type { PushReply } from './push-http';
import { PUSH_CHANNELS, type PushChannels } from './push-channels';

/** Errcodes that retrying cannot fix (wechat.md §A4): 43101 no credit, 47003 bad field, config/data bugs. */
const FINAL_ERRCODES = new Set([43101, 47003, 40037, 40003, 41030, 43107, 45168, 81013, 60020, 301002]);

interface Verdict {
  status: OutboxStatus | 'retry';
  channel: string;
  outcome: DeliveryOutcome;
  errcode?: number | null;
  detail?: string;
}

/**
 * Delivers outbox rows. A row is taken with one conditional UPDATE (due and unclaimed, or its lease expired),
 * so two workers — two instances, or a restarted one — never hold it together; every attempt gets a
 * delivery-log row before the push and its outcome after. Retries back off exponentially
 * (`retryBaseMs × 2^(attempt−1)`) up to `maxAttempts`.
 */
@Injectable()
export class OutboxDelivery {
  private readonly logger = new Logger('Outbox');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PUSH_CHANNELS) private readonly channels: PushChannels,
    private readonly people: UserDirectory,
  ) {}

  /** Rows a worker may take now, oldest first (with the attempt count, for BullMQ job ids). */
  async due(limit = 50): Promise<{ id: number; attempts: number }[]> {
    const at = now();
    const rows = await this.db.getRepository(OutboxMessage).createQueryBuilder('o')
      .select(['o.id', 'o.attempts'])
      .where(new Brackets((w) => w
        .where("o.status = 'pending' AND o.next_attempt_at <= :at", { at })
        .orWhere("o.status = 'sending' AND o.claimed_until < :at", { at })))
      .orderBy('o.id', 'ASC').limit(limit).getMany();
    return rows.map((r) => ({ id: r.id, attempts: r.attempts }));
  }

  /** Takes row `id` if it is still deliverable and pushes it; false when another worker has it or it is done. */
  async deliver(id: number, worker: string, signal?: AbortSignal): Promise<boolean> {
    const token = randomUUID();
    const claimed = await runInTransaction(this.db, async (tx) => {
      const at = now();
      const result = await tx.getRepository(OutboxMessage).createQueryBuilder().update()
        .set({ status: 'sending', claimToken: token, claimedUntil: new Date(at.getTime() + this.config.notifications.leaseMs), attempts: () => 'attempts + 1' })
        .where('id = :id', { id })
        .andWhere(new Brackets((w) => w
          .where("status = 'pending' AND next_attempt_at <= :at", { at })
          .orWhere("status = 'sending' AND claimed_until < :at", { at })))
        .execute();
      if (!result.affected) return null;
      const row = await tx.getRepository(OutboxMessage).findOneByOrFail({ id });
      await tx.getRepository(DeliveryAttempt).insert({
        outboxId: id, attempt: row.attempts, channel: 'pending', outcome: 'started', errcode: null, detail: null, worker: worker.slice(0, 64), startedAt: at, finishedAt: null,
      });
      return row;
    });
    if (!claimed) return false;
    let verdict: Verdict;
    try {
      verdict = await this.push(claimed, signal);
    } catch (error) {
      verdict = { status: 'retry', channel: 'none', outcome: 'retry', detail: `error: ${(error as Error)?.name ?? 'unknown'}` };
    }
    if (signal?.aborted) return true; // stopped mid-push: leave the lease to run out, as a crash would
    await this.finish(claimed, token, verdict);
    return true;
  }

  private async finish(row: OutboxMessage, token: string, v: Verdict): Promise<void> {
    const at = now();
    const { maxAttempts, retryBaseMs } = this.config.notifications;
    const giveUp = v.status === 'retry' && row.attempts >= maxAttempts;
    const status: OutboxStatus = v.status === 'retry' ? (giveUp ? 'failed' : 'pending') : v.status;
    const outcome: DeliveryOutcome = giveUp ? 'failed' : v.outcome;
    await runInTransaction(this.db, async (tx) => {
      const moved = await tx.getRepository(OutboxMessage).createQueryBuilder().update()
        .set({
          status, channel: v.channel, claimToken: null, claimedUntil: null, lastError: v.detail?.slice(0, 200) ?? null,
          nextAttemptAt: status === 'pending' ? new Date(at.getTime() + retryBaseMs * 2 ** (row.attempts - 1)) : row.nextAttemptAt,
          finishedAt: status === 'pending' ? null : at,
        })
        .where('id = :id AND claim_token = :token', { id: row.id, token })
        .execute();
      await tx.getRepository(DeliveryAttempt).update(
        { outboxId: row.id, attempt: row.attempts },
        { channel: v.channel, outcome: moved.affected ? outcome : v.outcome, errcode: v.errcode ?? null, detail: (moved.affected ? v.detail : `lease lost; ${v.detail ?? ''}`)?.slice(0, 200) ?? null, finishedAt: at },
      );
    });
    if (v.outcome === 'failed' && v.errcode === 47003) this.logger.error({ outboxId: row.id, kind: row.kind, errcode: 47003 }, 'subscribe message field rejected by WeChat');
  }

  /** Picks the channel: WeCom for staff where configured, else a subscribe message while credit lasts, else inbox only. */
  private async push(row: OutboxMessage, signal?: AbortSignal): Promise<Verdict> {
    const address = (await this.people.pushAddresses([row.userId])).get(row.userId);
    if (!address || !address.active) return { status: 'inbox_only', channel: 'inbox', outcome: 'skipped', detail: 'recipient inactive' };
    const facts: MessageFacts = row.facts ? (JSON.parse(row.facts) as MessageFacts) : {};
    if (this.channels.wecom && address.wecomUserId) {
      const reply = await this.channels.wecom.sendCard({
        to: [address.wecomUserId], title: row.title, description: [row.body, facts.serial ? `工单号：${facts.serial}` : ''].filter(Boolean).join('\n'),
        url: this.link(row, address.resident),
      }, signal);
      return this.judge('wecom', reply, async () => undefined);
    }
    const topic = SUBSCRIBE_TOPIC[row.kind];
    const templateId = topic ? this.config.notifications.templates[topic] : null;
    if (!this.channels.wechat || !topic || !templateId || !address.openId) {
      return { status: 'inbox_only', channel: 'inbox', outcome: 'skipped', detail: 'no push channel for this recipient' };
    }
    const built = buildData(templateValues(topic, row.kind, { ...facts, at: chinaTime(facts.at ? new Date(facts.at) : row.createdAt) }, row.title));
    if ('invalid' in built) return { status: 'failed', channel: 'wechat', outcome: 'failed', detail: `field ${built.invalid} cannot be made valid` };
    if (!(await this.spendCredit(row.userId, templateId))) {
      return { status: 'inbox_only', channel: 'inbox', outcome: 'skipped', detail: 'no subscribe credit' };
    }
    const reply = await this.channels.wechat.send({ touser: address.openId, templateId, page: this.page(row, address.resident), data: built.data }, signal);
    return this.judge('wechat', reply, async (refund) => {
      if (refund === 'zero') await this.setCredit(row.userId, templateId, 0);
      else await this.setCredit(row.userId, templateId, 'refund');
    });
  }

  private async judge(channel: string, reply: PushReply, credit: (what: 'zero' | 'refund') => Promise<void>): Promise<Verdict> {
    if (reply.errcode === 0) return { status: 'sent', channel, outcome: 'sent', errcode: 0 };
    const detail = reply.transport ? `transport: ${reply.transport}` : `errcode ${reply.errcode}`;
    if (reply.errcode === 43101) {
      await credit('zero');
      return { status: 'inbox_only', channel, outcome: 'failed', errcode: 43101, detail: 'no subscription credit (43101)' };
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
    const result = await runInTransaction(this.db, (tx) => tx.getRepository(SubscribeCredit).createQueryBuilder().update()
      .set({ credits: () => 'credits - 1', updatedAt: now() })
      .where('user_id = :userId AND template_id = :templateId AND credits > 0', { userId, templateId }).execute());
    return Boolean(result.affected);
  }

  private async setCredit(userId: number, templateId: string, to: 0 | 'refund'): Promise<void> {
    await runInTransaction(this.db, (tx) => tx.getRepository(SubscribeCredit).createQueryBuilder().update()
      .set({ credits: to === 0 ? 0 : () => 'credits + 1', updatedAt: now() })
      .where('user_id = :userId AND template_id = :templateId', { userId, templateId }).execute());
  }

  /** Mini-program page the subscribe message opens. */
  private page(row: OutboxMessage, resident: boolean): string {
    if (!row.ticketId) return 'pages/index/index';
    return resident ? `packages/resident/pages/ticket/index?id=${row.ticketId}` : `packages/technician/pages/job/index?id=${row.ticketId}`;
  }

  /** H5 link on a WeCom card (staff open it in WeCom's browser). */
  private link(row: OutboxMessage, resident: boolean): string {
    return `${this.config.publicBaseUrl}/h5/#/${this.page(row, resident)}`;
  }
}
