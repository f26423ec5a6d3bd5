import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PropertyModule } from '../property/property.module';
import { TicketsModule } from '../tickets/tickets.module';
import { DispatchPolicy } from './dispatch-policy.entity';
import { DispatchPolicyController } from './dispatch-policy.controller';
import { DispatchController, RegistrationController } from './dispatch.controller';
import { DispatchSkillCheck } from './dispatch-skill-check.service';
import { DispatchService } from './dispatch.service';
import { TechnicianAssignment } from './technician-assignment.service';

/** From registration to a technician: dispatch policies, the grab pool and its sweeper, assign, transfer, decline. */
@Module({
  imports: [
    TypeOrmModule.forFeature([DispatchPolicy]),
    IdentityModule,
    PropertyModule,
    CatalogModule,
    NotificationsModule,
    TicketsModule,
  ],
  controllers: [RegistrationController, DispatchController, DispatchPolicyController],
  providers: [DispatchService, TechnicianAssignment, DispatchSkillCheck],
  exports: [DispatchService],
})
export class DispatchModule {}
