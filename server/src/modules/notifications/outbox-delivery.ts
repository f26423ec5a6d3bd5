import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { runInTransaction } from '../../database/transactions';
import { now } from '../../common/time';
import { UserDirectory } from '../identity/user-directory.service';
import { entityFromRow, placeholders } from '../../database/raw-rows';
import { DeliveryAttempt, OutboxMessage, type OutboxStatus } from './outbox.entity';
import { OutboxPush, type Verdict } from './outbox-push';

/** The entry of `groups` for `set` (rows with the same outcome are written by one UPDATE). */
function group<V>(
  groups: Map<string, V>,
  set: Record<string, unknown>,
  make: () => V = () => ({ set, ids: [] }) as V,
): V {
  const key = JSON.stringify(set);
  let entry = groups.get(key);
  if (!entry) groups.set(key, (entry = make()));
  return entry;
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
    private readonly people: UserDirectory,
    private readonly pushes: OutboxPush,
  ) {}

  /** Rows a worker may take now, oldest first (with the attempt count, for BullMQ job ids). */
  async due(limit = 50): Promise<{ id: number; attempts: number }[]> {
    const at = now();
    const rows = await this.db
      .getRepository(OutboxMessage)
      .createQueryBuilder('o')
      .select(['o.id', 'o.attempts'])
      .where(
        new Brackets((w) =>
          w
            .where("o.status = 'pending' AND o.next_attempt_at <= :at", { at })
            .orWhere("o.status = 'sending' AND o.claimed_until < :at", { at }),
        ),
      )
      .orderBy('o.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((r) => ({ id: r.id, attempts: r.attempts }));
  }

  /** Takes row `id` if it is still deliverable and pushes it; false when another worker has it or it is done. */
  async deliver(id: number, worker: string, signal?: AbortSignal): Promise<boolean> {
    return (await this.deliverMany([id], worker, signal)) > 0;
  }

  /**
   * Takes what it still can of `ids` with one claim, pushes those side by side and records every outcome in one
   * transaction; returns how many it took. Per batch, not per row: claim UPDATE, read-back, the `started` log rows
   * (one INSERT), the recipients' push addresses, then the held rows re-read under lock and one UPDATE per distinct
   * outcome — P2 measured ten statements per message when each row went alone. The caller keeps batches as small
   * as the pushes it runs at once, so one lease still covers one push.
   */
  async deliverMany(ids: readonly number[], worker: string, signal?: AbortSignal): Promise<number> {
    if (!ids.length) return 0;
    const token = randomUUID();
    const claimed = await this.claim(ids, worker, token);
    if (!claimed.length) return 0;
    const addresses = await this.people.pushAddresses([...new Set(claimed.map((r) => r.userId))]);
    const verdicts = await Promise.all(
      claimed.map(async (row): Promise<Verdict> => {
        try {
          return await this.pushes.push(row, addresses.get(row.userId), signal);
        } catch (error) {
          return {
            status: 'retry',
            channel: 'none',
            outcome: 'retry',
            detail: `error: ${(error as Error)?.name ?? 'unknown'}`,
          };
        }
      }),
    );
    if (signal?.aborted) return claimed.length; // stopped mid-push: leave the leases to run out, as a crash would
    await this.finish(claimed, token, verdicts);
    return claimed.length;
  }

  /** One conditional UPDATE takes the rows still due (or whose lease ran out); each taken row gets its `started` log row. */
  private async claim(ids: readonly number[], worker: string, token: string): Promise<OutboxMessage[]> {
    return runInTransaction(this.db, async (tx) => {
      const at = now();
      const result = await tx
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({
          status: 'sending',
          claimToken: token,
          claimedUntil: new Date(at.getTime() + this.config.notifications.leaseMs),
          attempts: () => 'attempts + 1',
        })
        .where('id IN (:...ids)', { ids })
        .andWhere(
          new Brackets((w) =>
            w
              .where("status = 'pending' AND next_attempt_at <= :at", { at })
              .orWhere("status = 'sending' AND claimed_until < :at", { at }),
          ),
        )
        .updateEntity(false)
        .execute();
      if (!result.affected) return [];
      const rows = (
        (await tx.query(
          `SELECT * FROM notification_outbox WHERE id IN (${placeholders(ids.length)}) AND claim_token = ? ORDER BY id`,
          [...ids, token],
        )) as Record<string, unknown>[]
      ).map((r) => entityFromRow(this.db, OutboxMessage, r));
      if (!rows.length) return [];
      await tx
        .createQueryBuilder()
        .insert()
        .into(DeliveryAttempt)
        .values(
          rows.map((row) => ({
            outboxId: row.id,
            attempt: row.attempts,
            channel: 'pending',
            outcome: 'started' as const,
            errcode: null,
            detail: null,
            worker: worker.slice(0, 64),
            startedAt: at,
            finishedAt: null,
          })),
        )
        .updateEntity(false)
        .execute();
      return rows;
    });
  }

  /**
   * Records the outcomes. The rows this batch still holds are read under lock first: a row whose lease ran out and
   * that another worker took keeps that worker's state, and its log row says the lease was lost.
   */
  private async finish(rows: OutboxMessage[], token: string, verdicts: Verdict[]): Promise<void> {
    const at = now();
    const { maxAttempts, retryBaseMs } = this.config.notifications;
    const mysql = this.db.options.type !== 'better-sqlite3';
    await runInTransaction(this.db, async (tx) => {
      const held = new Set(
        (
          (await tx.query(
            `SELECT id FROM notification_outbox WHERE id IN (${placeholders(rows.length)}) AND claim_token = ?${mysql ? ' FOR UPDATE' : ''}`,
            [...rows.map((r) => r.id), token],
          )) as { id: unknown }[]
        ).map((r) => Number(r.id)),
      );
      const moves = new Map<string, { set: Record<string, unknown>; ids: number[] }>();
      const logs = new Map<string, { set: Record<string, unknown>; rows: OutboxMessage[] }>();
      rows.forEach((row, i) => {
        const v = verdicts[i]!;
        const giveUp = v.status === 'retry' && row.attempts >= maxAttempts;
        const status: OutboxStatus = v.status === 'retry' ? (giveUp ? 'failed' : 'pending') : v.status;
        const moved = held.has(row.id);
        if (moved) {
          const set: Record<string, unknown> = {
            status,
            channel: v.channel,
            claimToken: null,
            claimedUntil: null,
            lastError: v.detail?.slice(0, 200) ?? null,
            finishedAt: status === 'pending' ? null : at,
          };
          if (status === 'pending') set.nextAttemptAt = new Date(at.getTime() + retryBaseMs * 2 ** (row.attempts - 1));
          group(moves, set).ids.push(row.id);
        }
        const log = {
          channel: v.channel,
          outcome: moved && giveUp ? 'failed' : v.outcome,
          errcode: v.errcode ?? null,
          detail: (moved ? v.detail : `lease lost; ${v.detail ?? ''}`)?.slice(0, 200) ?? null,
          finishedAt: at,
        };
        group(logs, log, () => ({ set: log, rows: [] })).rows.push(row);
      });
      for (const { set, ids } of moves.values())
        await tx
          .createQueryBuilder()
          .update(OutboxMessage)
          .set(set)
          .where('id IN (:...ids) AND claim_token = :token', { ids, token })
          .updateEntity(false)
          .execute();
      for (const { set, rows: of } of logs.values()) {
        const params: Record<string, number> = {};
        const which = of.map((row, i) => {
          params[`o${i}`] = row.id;
          params[`a${i}`] = row.attempts;
          return `(outbox_id = :o${i} AND attempt = :a${i})`;
        });
        await tx
          .createQueryBuilder()
          .update(DeliveryAttempt)
          .set(set)
          .where(which.join(' OR '), params)
          .updateEntity(false)
          .execute();
      }
    });
    rows.forEach((row, i) => {
      const v = verdicts[i]!;
      if (v.outcome === 'failed' && v.errcode === 47003)
        this.logger.error(
          { outboxId: row.id, kind: row.kind, errcode: 47003 },
          'subscribe message field rejected by WeChat',
        );
    });
  }
}
