import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { TicketsModule } from '../tickets/tickets.module';
import { VisitReminder } from './visit-reminder.entity';
import { VisitReminderScheduler } from './visit-reminder-scheduler';
import { VisitReminders } from './visit-reminders.service';

/** Appointment reminders to technicians (`visit_reminders`); reads tickets through TicketSlaFactsService. */
@Module({
  imports: [TypeOrmModule.forFeature([VisitReminder]), NotificationsModule, TicketsModule],
  providers: [VisitReminders, VisitReminderScheduler],
  exports: [VisitReminders],
})
export class RemindersModule {}
