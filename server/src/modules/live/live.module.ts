import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TicketChangeFeed } from '../tickets/ticket-change-feed';
import { TicketsModule } from '../tickets/tickets.module';
import { LiveBus } from './live-bus';
import { LiveController } from './live.controller';
import { StreamTokens } from './stream-tokens';

const BUS_START_WAIT_MS = 3000;

/**
 * Live console updates (docs/operations.md "Live updates"): ticket changes from tickets' change feed go onto
 * the bus (Redis pub/sub or in-process) and out to every open event stream whose projects they concern.
 */
@Module({
  imports: [TicketsModule],
  controllers: [LiveController],
  providers: [LiveBus, StreamTokens],
  exports: [LiveBus],
})
export class LiveModule implements OnApplicationBootstrap {
  private readonly log = new Logger(LiveModule.name);

  constructor(
    private readonly feed: TicketChangeFeed,
    private readonly bus: LiveBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.feed.subscribe((change) => this.bus.publish(change));
    // A Redis that is down must not hold the server's start (the readiness check reports it, and the
    // subscription completes when Redis answers); a Redis that is up subscribes within milliseconds.
    const started = this.bus.start().catch((e: Error) => this.log.warn(`live bus did not start: ${e.message}`));
    await Promise.race([started, new Promise((resolve) => setTimeout(resolve, BUS_START_WAIT_MS).unref())]);
  }
}
