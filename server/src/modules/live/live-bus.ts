import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import type { ILiveTicketEvent } from '@app/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { redisConnection } from '../notifications/outbox-worker';

type Listener = (event: ILiveTicketEvent) => void;

/**
 * Carries ticket events to every instance's open streams: Redis pub/sub when REDIS_URL is set (an event
 * raised on instance A reaches a console connected to instance B), an in-process emitter otherwise. With
 * Redis, local listeners hear events only through the subscription, so each stream gets each event once.
 */
@Injectable()
export class LiveBus implements OnModuleDestroy {
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly log = new Logger('LiveBus');
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private ready: Promise<unknown> | null = null;
  readonly channel: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.channel = `${config.notifications.queuePrefix}:live:tickets`;
  }

  get transport(): 'redis' | 'in-process' {
    return this.config.notifications.redisUrl ? 'redis' : 'in-process';
  }

  /** Resolves once the Redis subscription is active (immediately in-process). */
  async start(): Promise<void> {
    const url = this.config.notifications.redisUrl;
    if (!url || this.ready) return void (await this.ready);
    const options = { ...redisConnection(url), maxRetriesPerRequest: null };
    this.publisher = new Redis(options);
    this.subscriber = new Redis(options);
    for (const client of [this.publisher, this.subscriber])
      client.on('error', (e: Error) => this.log.warn(`live bus redis: ${e.message}`));
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      try {
        this.local.emit('ticket', JSON.parse(text) as ILiveTicketEvent);
      } catch (error) {
        this.log.warn(`unreadable live event: ${(error as Error).message}`);
      }
    });
    this.ready = this.subscriber.subscribe(this.channel);
    await this.ready;
  }

  publish(event: ILiveTicketEvent): void {
    if (!this.publisher) {
      this.local.emit('ticket', event);
      return;
    }
    // Fire and forget: a lost live event costs a console one refresh, never the business change.
    this.publisher
      .publish(this.channel, JSON.stringify(event))
      .catch((e: Error) => this.log.warn(`live publish failed: ${e.message}`));
  }

  listen(listener: Listener): () => void {
    this.local.on('ticket', listener);
    return () => this.local.off('ticket', listener);
  }

  async onModuleDestroy(): Promise<void> {
    this.local.removeAllListeners();
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }
}
