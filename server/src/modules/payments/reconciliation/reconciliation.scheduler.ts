import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { now } from '../../../common/time';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { ReconciliationService, shanghaiDate } from './reconciliation.service';

/** HH:MM of a moment in Asia/Shanghai. */
const shanghaiClock = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16);

/**
 * Every RECONCILIATION_POLL_SECONDS each instance checks whether yesterday (Asia/Shanghai) is due (RECONCILIATION_AT
 * reached); the run row's unique date is the claim, so exactly one instance reconciles it (SLA scheduler pattern).
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly log = new Logger('ReconciliationScheduler');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly service: ReconciliationService,
  ) {}

  onApplicationBootstrap(): void {
    const { at, pollSeconds } = this.config.reconciliation;
    if (!at) return;
    this.timer = setInterval(() => {
      if (this.running) return; // a slow download is not overlapped by the next tick
      this.running = this.tick(at)
        .catch((e: Error) => this.log.warn(`scheduled reconciliation failed: ${e.message}`))
        .finally(() => {
          this.running = null;
        });
    }, pollSeconds * 1000);
    this.timer.unref();
  }

  /** Exposed for tests: reconciles yesterday when `at` has passed today; null when not due or claimed elsewhere. */
  async tick(at: string): Promise<unknown> {
    const moment = now();
    if (shanghaiClock(moment) < at) return null;
    return this.service.runScheduled(shanghaiDate(moment, -1));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
