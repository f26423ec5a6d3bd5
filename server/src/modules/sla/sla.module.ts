import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { now } from '../../common/time';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PropertyModule } from '../property/property.module';
import { TicketSlaFactsService } from '../tickets/ticket-sla-facts.service';
import { TicketsModule } from '../tickets/tickets.module';
import { SlaController, SlaReportController } from './sla.controller';
import { SlaPolicies } from './sla-policies.service';
import { SlaReports } from './sla-report.service';
import { deadlineView, slaClocks } from './sla-rules';
import { SlaScheduler } from './sla-scheduler';
import { SlaSweep } from './sla-sweep.service';
import { SlaAlert, SlaBreach, SlaPolicy } from './sla.entity';

/**
 * SLA clocks (docs/sla.md): policies (`sla_policies`), the per-stage claims (`sla_alerts`) and the breach
 * record (`sla_breaches`). Reads tickets through TicketSlaFactsService and tells people through the outbox.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([SlaPolicy, SlaAlert, SlaBreach]),
    CatalogModule,
    IdentityModule,
    PropertyModule,
    NotificationsModule,
    TicketsModule,
  ],
  controllers: [SlaController, SlaReportController],
  providers: [SlaPolicies, SlaReports, SlaSweep, SlaScheduler],
  exports: [SlaSweep],
})
export class SlaModule implements OnModuleInit {
  constructor(
    private readonly facts: TicketSlaFactsService,
    private readonly policies: SlaPolicies,
  ) {}

  /** The ticket detail view shows the deadlines without tickets importing this module (see TicketSlaFactsService). */
  onModuleInit(): void {
    this.facts.useSlaView(async (ticket) => {
      const limits = (await this.policies.limitsFor([ticket])).get(ticket.id)!;
      const at = now();
      return slaClocks(ticket, limits, at).map((c) => deadlineView(c, at));
    });
  }
}
