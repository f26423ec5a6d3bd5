import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { ChargesModule } from '../charges/charges.module';
import { IdentityModule } from '../identity/identity.module';
import { MediaModule } from '../media/media.module';
import { DispatchPolicyController } from './dispatch-policy.controller';
import { DispatchService } from './dispatch.service';
import { InboxController, RectificationsController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { TechnicianWorkloadController } from './technician-workload.controller';
import { TechnicianWorkloadService } from './technician-workload.service';
import { TicketAccess } from './ticket-access.service';
import { TicketSigningService } from './ticket-signing.service';
import { TicketStaffService } from './ticket-staff.service';
import { TicketTransitions } from './ticket-transition.service';
import { TicketViews } from './ticket-views.service';
import { TicketWorkService } from './ticket-work.service';
import { TicketWorkController, TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({
  imports: [IdentityModule, CatalogModule, ChargesModule, MediaModule],
  controllers: [TechnicianWorkloadController, TicketWorkController, TicketsController, InboxController, RectificationsController, DispatchPolicyController],
  providers: [
    TicketsService, TicketAccess, TicketTransitions, TicketViews, TicketWorkService, TicketSigningService, TicketStaffService, DispatchService, InboxService,
    TechnicianWorkloadService,
  ],
  exports: [TicketsService, DispatchService, InboxService],
})
export class TicketsModule {}
