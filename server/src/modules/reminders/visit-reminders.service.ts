import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { addMinutes, now } from '../../common/time';
import { isUniqueViolation } from '../../database/errors';
import { runInTransaction } from '../../database/transactions';
import { NotificationsService } from '../notifications/notifications.service';
import { TicketSlaFactsService } from '../tickets/ticket-sla-facts.service';
import { VisitReminder } from './visit-reminder.entity';

const beijingTime = (d: Date): string =>
  d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' });

/**
 * One pass: every accepted job whose agreed visit is due within VISIT_REMINDER_MINUTES and was not reminded
 * yet is claimed (a `visit_reminders` row) and announced to its technician through the outbox, in one
 * transaction. A second instance running the same pass loses the unique key and sends nothing.
 */
@Injectable()
export class VisitReminders {
  private readonly log = new Logger('VisitReminders');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly facts: TicketSlaFactsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Returns how many reminders this pass sent. */
  async run(): Promise<number> {
    const minutes = this.config.visitReminderMinutes;
    if (!minutes) return 0;
    const at = now();
    // A visit that started in the last few minutes still gets its reminder (a scheduler that was down, a late poll).
    const due = await this.facts.visitsBetween(addMinutes(at, -5), addMinutes(at, minutes));
    if (!due.length) return 0;
    const claimed = new Set(
      (await this.db.getRepository(VisitReminder).find({ where: { ticketId: In(due.map((t) => t.id)) } })).map(
        (r) => `${r.ticketId}:${r.visitAt.getTime()}`,
      ),
    );
    let sent = 0;
    for (const job of due) {
      if (claimed.has(`${job.id}:${job.visitAt!.getTime()}`)) continue;
      try {
        await runInTransaction(this.db, async (tx) => {
          await tx
            .getRepository(VisitReminder)
            .insert({ ticketId: job.id, visitAt: job.visitAt!, technicianId: job.technicianId!, createdAt: at });
          await this.notifications.enqueue(tx, {
            kind: 'ticket.visit_reminder',
            recipients: [job.technicianId],
            ref: `visit:${job.id}:${job.visitAt!.getTime()}`,
            ticketId: job.id,
            title: `上门提醒：${beijingTime(job.visitAt!)} ${job.serial}`,
            body: job.description.slice(0, 200),
            facts: { serial: job.serial, subject: job.description, status: '即将上门', at: job.visitAt!.toISOString() },
          });
        });
        sent++;
      } catch (error) {
        if (isUniqueViolation(error)) continue; // another instance reminded first
        this.log.warn(`visit reminder for ticket ${job.id} failed: ${(error as Error).message}`);
      }
    }
    return sent;
  }
}
