import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BindingsModule } from '../bindings/bindings.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ChargesModule } from '../charges/charges.module';
import { ChargesService } from '../charges/charges.service';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { MediaModule } from '../media/media.module';
import { PropertyModule } from '../property/property.module';
import { TicketFormService } from './form/ticket-form.service';
import { RectificationsController } from './rectifications.controller';
import { TechnicianWorkloadController } from './technician-workload.controller';
import { TechnicianWorkloadService } from './technician-workload.service';
import { TicketAccess } from './ticket-access.service';
import { TicketChangeFeed } from './ticket-change-feed';
import { TicketFollower } from './ticket-follower.entity';
import { TicketMergesController } from './ticket-merges.controller';
import { TicketMerges } from './ticket-merges.service';
import { TicketResidents } from './ticket-residents';
import { TicketJobs } from './ticket-jobs.service';
import { TicketAgreement, TicketRating } from './ticket-outcome.entity';
import { TicketOutcomes } from './ticket-outcomes.service';
import { TicketSlaFactsService } from './ticket-sla-facts.service';
import { TicketSigningService } from './ticket-signing.service';
import { TicketChargePosting } from './ticket-charge-posting.service';
import { TicketStaffService } from './ticket-staff.service';
import { RectificationTask, TicketDamage, TicketSerialCounter } from './ticket-support.entity';
import { TicketTransitions } from './ticket-transition.service';
import { TicketViews } from './ticket-views.service';
import { TicketWorkService } from './ticket-work.service';
import { Ticket, TicketEvent, TicketMedia, TicketQuote, TicketSignature } from './ticket.entity';
import { TicketWorkController, TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';
import { TicketLists } from './ticket-lists.service';

/**
 * Tickets, their events, quotes, signatures, rectifications and damages. Exports what dispatch builds on
 * (access, transitions, views, TicketJobs); dispatch and inbox are their own modules.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Ticket,
      TicketEvent,
      TicketMedia,
      TicketQuote,
      TicketSignature,
      TicketSerialCounter,
      RectificationTask,
      TicketDamage,
      TicketAgreement,
      TicketRating,
      TicketFollower,
    ]),
    IdentityModule,
    PropertyModule,
    BindingsModule,
    CatalogModule,
    ChargesModule,
    MediaModule,
    NotificationsModule,
  ],
  controllers: [
    TechnicianWorkloadController,
    TicketWorkController,
    TicketsController,
    RectificationsController,
    TicketMergesController,
  ],
  providers: [
    TicketsService,
    TicketLists,
    TicketAccess,
    TicketTransitions,
    TicketViews,
    TicketWorkService,
    TicketSigningService,
    TicketChargePosting,
    TicketStaffService,
    TicketJobs,
    TicketOutcomes,
    TechnicianWorkloadService,
    TicketSlaFactsService,
    TicketChangeFeed,
    TicketResidents,
    TicketFormService,
    TicketMerges,
  ],
  exports: [
    TicketsService,
    TicketAccess,
    TicketTransitions,
    TicketViews,
    TicketJobs,
    TicketSlaFactsService,
    TicketChangeFeed,
    TicketResidents,
  ],
})
export class TicketsModule implements OnModuleInit {
  constructor(
    private readonly charges: ChargesService,
    private readonly jobs: TicketJobs,
  ) {}

  /** Charges answer "is this the technician's job" through tickets without importing it (see TicketTechnicianLookup). */
  onModuleInit(): void {
    this.charges.useTicketLookup({ technicianOf: (ticketId) => this.jobs.technicianOf(ticketId) });
  }
}
