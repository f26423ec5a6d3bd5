import { hostname } from 'node:os';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OutboxDelivery } from './outbox-delivery';
import { BullmqOutboxWorker, InProcessOutboxWorker, redisConnection, type OutboxWorker } from './outbox-worker';

/** Starts this instance's outbox worker (unless NOTIFY_WORKER=false) and answers the readiness probe. */
@Injectable()
export class OutboxRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: OutboxWorker | null = null;
  private probe: Redis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly delivery: OutboxDelivery,
  ) {}

  /** A worker not started by the app (tests start two and kill one). */
  createWorker(name: string): OutboxWorker {
    const n = this.config.notifications;
    return n.redisUrl
      ? new BullmqOutboxWorker(this.delivery, n, name)
      : new InProcessOutboxWorker(this.delivery, n, name);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.notifications.worker) return;
    this.worker = this.createWorker(`${hostname()}:${process.pid}`);
    await this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
    this.probe?.disconnect();
  }

  /** 'up' / 'down' when Redis is configured (the queue is part of being ready), null otherwise. */
  async redisStatus(): Promise<'up' | 'down' | null> {
    if (!this.config.notifications.redisUrl) return null;
    if (!this.probe) {
      this.probe = new Redis({
        ...redisConnection(this.config.notifications.redisUrl),
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: true,
        connectTimeout: 1000,
      });
      this.probe.on('error', () => undefined); // a down Redis is reported by the probe, not thrown
    }
    try {
      if (this.probe.status === 'wait' || this.probe.status === 'end') await this.probe.connect();
      const pong = await Promise.race([
        this.probe.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000)),
      ]);
      return pong === 'PONG' ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }
}
