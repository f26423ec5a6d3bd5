import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type { NotificationsConfig } from '../../config/app-config';
import type { OutboxDelivery } from './outbox-delivery';

const CONCURRENCY = 4;

export interface OutboxWorker {
  readonly name: string;
  start(): Promise<void>;
  /** `kill: true` abandons in-flight pushes the way a crashed process would: no outcome is written. */
  stop(opts?: { kill?: boolean }): Promise<void>;
}

/** Polls the outbox and delivers in this process: the embedded default, no Redis needed. */
export class InProcessOutboxWorker implements OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly logger = new Logger('OutboxWorker');

  constructor(
    private readonly delivery: OutboxDelivery,
    private readonly config: NotificationsConfig,
    readonly name: string,
  ) {}

  async start(): Promise<void> {
    this.timer = setInterval(() => {
      if (!this.running)
        this.running = this.tick().finally(() => {
          this.running = null;
        });
    }, this.config.pollMs);
  }

  private async tick(): Promise<void> {
    try {
      const due = await this.delivery.due(CONCURRENCY * 8);
      for (let i = 0; i < due.length && !this.abort.signal.aborted; i += CONCURRENCY) {
        // One claim and one outcome write per batch of pushes run at once (OutboxDelivery.deliverMany).
        await this.delivery.deliverMany(
          due.slice(i, i + CONCURRENCY).map((d) => d.id),
          this.name,
          this.abort.signal,
        );
      }
    } catch (error) {
      this.logger.warn({ error: (error as Error)?.message }, 'outbox poll failed; retrying');
    }
  }

  async stop(opts: { kill?: boolean } = {}): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (opts.kill) this.abort.abort();
    await this.running?.catch(() => undefined);
  }
}

export function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * BullMQ on Redis: every instance polls the outbox and adds due rows as jobs (job id = row + attempt, so
 * instances adding the same row make one job); any instance's Worker takes jobs. The database claim stays
 * the guard against double sends, so a stalled job BullMQ hands out again is harmless.
 */
export class BullmqOutboxWorker implements OutboxWorker {
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly logger = new Logger('OutboxWorker');

  constructor(
    private readonly delivery: OutboxDelivery,
    private readonly config: NotificationsConfig,
    readonly name: string,
  ) {}

  static queueName = 'notification-outbox';

  async start(): Promise<void> {
    const connection = redisConnection(this.config.redisUrl!);
    this.queue = new Queue(BullmqOutboxWorker.queueName, { connection, prefix: this.config.queuePrefix });
    this.queue.on('error', (e) => this.logger.warn({ error: e.message }, 'outbox queue error'));
    this.worker = new Worker(
      BullmqOutboxWorker.queueName,
      async (job) => {
        await this.delivery.deliver(Number(job.data.id), this.name, this.abort.signal);
      },
      {
        connection,
        prefix: this.config.queuePrefix,
        concurrency: CONCURRENCY,
        stalledInterval: Math.max(1000, this.config.leaseMs),
      },
    );
    this.worker.on('error', (e) => this.logger.warn({ error: e.message }, 'outbox worker error'));
    this.timer = setInterval(() => {
      if (!this.polling)
        this.polling = this.poll().finally(() => {
          this.polling = null;
        });
    }, this.config.pollMs);
  }

  private async poll(): Promise<void> {
    try {
      const due = await this.delivery.due(100);
      if (!due.length || !this.queue) return;
      await this.queue.addBulk(
        due.map((d) => ({
          name: 'deliver',
          data: { id: d.id },
          opts: { jobId: `o${d.id}-a${d.attempts}`, removeOnComplete: true, removeOnFail: true },
        })),
      );
    } catch (error) {
      this.logger.warn({ error: (error as Error)?.message }, 'outbox poll failed; retrying');
    }
  }

  async stop(opts: { kill?: boolean } = {}): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (opts.kill) this.abort.abort();
    await this.polling?.catch(() => undefined);
    await this.worker?.close(opts.kill === true).catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
  }
}
