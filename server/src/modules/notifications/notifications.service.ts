import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ISubscribeReport, ISubscribeTemplates } from '@app/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { insertRows, placeholders } from '../../database/raw-rows';
import { runInTransaction } from '../../database/transactions';
import { now } from '../../common/time';
import { InboxService } from '../inbox/inbox.service';
import type { OutgoingMessage } from './message.types';
import { OutboxMessage, SubscribeCredit } from './outbox.entity';

/** More accepts than this are not banked: WeChat itself stops counting long before (§A4). */
const MAX_CREDITS = 50;

/**
 * The one way a module tells people something. `enqueue(tx, message)` runs inside the caller's transaction:
 * it writes the in-app inbox row(s) and one outbox row per recipient, so the message exists exactly when
 * the change it announces does. The outbox worker then pushes it (WeChat subscribe message / WeCom).
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbox: InboxService,
  ) {}

  /**
   * `newRef`: the caller vouches that the ref names a row created in this same transaction (a new ticket), so no
   * earlier message can hold its dedupe keys and the dedupe read is skipped; the unique index still refuses one.
   */
  async enqueue(tx: EntityManager, message: OutgoingMessage, { newRef = false } = {}): Promise<void> {
    const recipients = [...new Set(message.recipients.filter((id): id is number => typeof id === 'number'))];
    if (!recipients.length) return;
    const key = (userId: number) => `${message.ref}:${message.kind}:${userId}`.slice(0, 160);
    // A replayed event (same ref) must not show twice in the inbox either, so both writes follow the outbox. Raw
    // SQL here and below: every create of a ticket enqueues, and TypeORM's builders re-plan each statement (P2).
    const keys = recipients.map(key);
    const existing = new Set(
      newRef
        ? []
        : (
            (await tx.query(
              `SELECT dedupe_key FROM notification_outbox WHERE dedupe_key IN (${placeholders(keys.length)})`,
              keys,
            )) as { dedupe_key: string }[]
          ).map((r) => r.dedupe_key),
    );
    const fresh = recipients.filter((id) => !existing.has(key(id)));
    if (!fresh.length) return;
    const at = now();
    await insertRows(
      tx,
      OutboxMessage,
      fresh.map((userId) => ({
        dedupeKey: key(userId),
        userId,
        kind: message.kind,
        title: message.title.slice(0, 100),
        body: message.body.slice(0, 500),
        ticketId: message.ticketId ?? null,
        facts: message.facts ? JSON.stringify(message.facts) : null,
        status: 'pending' as const,
        channel: null,
        attempts: 0,
        nextAttemptAt: at,
        claimToken: null,
        claimedUntil: null,
        lastError: null,
        createdAt: at,
        finishedAt: null,
      })),
    );
    await this.inbox.notify(tx, fresh, {
      kind: message.kind,
      title: message.title,
      body: message.body,
      ticketId: message.ticketId ?? null,
      objectId: message.objectId ?? null,
    });
  }

  templates(): ISubscribeTemplates {
    const t = this.config.notifications.templates;
    return {
      enabled: this.config.wechat !== null && Boolean(t.jobDispatch || t.ticketProgress),
      jobDispatch: t.jobDispatch,
      ticketProgress: t.ticketProgress,
    };
  }

  /**
   * The mini-program's `requestSubscribeMessage` result: each "accept" banks one send of that template;
   * "ban" (the user switched the template off) zeroes it; "reject"/"filter" change nothing. Only configured
   * template ids count, so a client cannot mint credits for arbitrary ids.
   */
  async report(userId: number, report: ISubscribeReport): Promise<{ templateId: string; credits: number }[]> {
    const known = new Set(
      [this.config.notifications.templates.jobDispatch, this.config.notifications.templates.ticketProgress].filter(
        Boolean,
      ),
    );
    const results = report.results.filter((r) => known.has(r.templateId));
    return runInTransaction(this.db, async (tx) => {
      const repo = tx.getRepository(SubscribeCredit);
      const out: { templateId: string; credits: number }[] = [];
      for (const r of results) {
        const at = now();
        let row = await repo.findOne({ where: { userId, templateId: r.templateId } });
        if (!row) {
          await repo
            .createQueryBuilder()
            .insert()
            .values({ userId, templateId: r.templateId, credits: 0, updatedAt: at })
            .orIgnore()
            .execute();
          row = await repo.findOneOrFail({ where: { userId, templateId: r.templateId } });
        }
        if (r.result === 'accept' || r.result === 'acceptWithAudio') {
          await repo
            .createQueryBuilder()
            .update()
            .set({ credits: () => 'credits + 1', updatedAt: at })
            .where('id = :id AND credits < :max', { id: row.id, max: MAX_CREDITS })
            .execute();
        } else if (r.result === 'ban') {
          await repo.update({ id: row.id }, { credits: 0, updatedAt: at });
        }
        out.push({ templateId: r.templateId, credits: (await repo.findOneOrFail({ where: { id: row.id } })).credits });
      }
      return out;
    });
  }
}
