import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { SlaSweep } from './sla-sweep.service';

/** Runs the sweep every SLA_POLL_SECONDS on each instance; the claims in `sla_alerts` keep it exactly-once. */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly log = new Logger('SlaScheduler');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sweep: SlaSweep,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.slaPollSeconds;
    if (!seconds) return;
    this.timer = setInterval(() => {
      if (this.running) return; // a slow pass is not overlapped by the next one
      this.running = this.sweep
        .run()
        .catch((e: Error) => this.log.warn(`SLA sweep failed: ${e.message}`))
        .finally(() => {
          this.running = null;
        });
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
