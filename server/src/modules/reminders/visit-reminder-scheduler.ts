import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { VisitReminders } from './visit-reminders.service';

/** Runs the reminder pass every REMINDER_POLL_SECONDS on each instance; the claims in `visit_reminders` keep it exactly-once. */
@Injectable()
export class VisitReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly log = new Logger('VisitReminderScheduler');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: VisitReminders,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.reminderPollSeconds;
    if (!seconds || !this.config.visitReminderMinutes) return;
    this.timer = setInterval(() => {
      if (this.running) return; // a slow pass is not overlapped by the next one
      this.running = this.reminders
        .run()
        .catch((e: Error) => this.log.warn(`visit reminders failed: ${e.message}`))
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
