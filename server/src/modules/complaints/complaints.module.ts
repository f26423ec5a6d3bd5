import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { BindingsModule } from '../bindings/bindings.module';
import { IdentityModule } from '../identity/identity.module';
import { MediaModule } from '../media/media.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PropertyModule } from '../property/property.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ComplaintActions } from './complaint-actions.service';
import { ComplaintPolicies } from './complaint-policies.service';
import { ComplaintScheduler, ComplaintSweep } from './complaint-sweep.service';
import { ComplaintViews } from './complaint-views';
import { COMPLAINT_ENTITIES } from './complaint.entity';
import { ComplaintPolicyController, ComplaintsController, TicketUrgesController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';
import { TicketUrges } from './ticket-urges.service';

/**
 * 投诉 (docs/complaints.md): complaints, their events, deadline policies and alert claims, and 催单
 * (`ticket_urges`). Reads tickets through TicketAccess only; tells people through the outbox.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(COMPLAINT_ENTITIES),
    AuditModule,
    BindingsModule,
    IdentityModule,
    MediaModule,
    NotificationsModule,
    PropertyModule,
    TicketsModule,
  ],
  controllers: [ComplaintsController, ComplaintPolicyController, TicketUrgesController],
  providers: [
    ComplaintsService,
    ComplaintActions,
    ComplaintPolicies,
    ComplaintViews,
    ComplaintSweep,
    ComplaintScheduler,
    TicketUrges,
  ],
  exports: [ComplaintSweep, ComplaintsService],
})
export class ComplaintsModule {}
