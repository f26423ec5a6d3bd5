import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { AdministrationModule } from './modules/administration/administration.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BillingModule } from './modules/billing/billing.module';
import { BillingReportsModule } from './modules/billing/reports/billing-reports.module';
import { BindingsModule } from './modules/bindings/bindings.module';
import { ComplaintsModule } from './modules/complaints/complaints.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { ChargesModule } from './modules/charges/charges.module';
import { DispatchModule } from './modules/dispatch/dispatch.module';
import { HealthModule } from './modules/health/health.module';
import { IdentityModule } from './modules/identity/identity.module';
import { InboxModule } from './modules/inbox/inbox.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PaymentsModule } from './modules/payments/payments.module';
import { ReconciliationModule } from './modules/payments/reconciliation/reconciliation.module';
import { CashierModule } from './modules/payments/cashier/cashier.module';
import { SlaModule } from './modules/sla/sla.module';
import { AnnouncementsModule } from './modules/announcements/announcements.module';
import { LiveModule } from './modules/live/live.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { MediaModule } from './modules/media/media.module';
import { PropertyModule } from './modules/property/property.module';
import { PrepayModule } from './modules/prepay/prepay.module';
import { InvoicesModule } from './modules/invoices/invoices.module';
import { TicketsModule } from './modules/tickets/tickets.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: config.loginRateLimitPerMinute }]),
        HealthModule,
        IdentityModule,
        PropertyModule,
        BindingsModule,
        AuditModule,
        CatalogModule,
        ChargesModule,
        MediaModule,
        AdministrationModule,
        TicketsModule,
        DispatchModule,
        InboxModule,
        BillingModule,
        NotificationsModule,
        SlaModule,
        PaymentsModule,
        AnnouncementsModule,
        LiveModule,
        RemindersModule,
        ComplaintsModule,
        ReconciliationModule,
        CashierModule,
        BillingReportsModule,
        PrepayModule,
        InvoicesModule,
        AuthModule,
      ],
    };
  }
}
