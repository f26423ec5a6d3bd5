import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { PropertyModule } from '../property/property.module';
import { AuditLogController } from './audit-log.controller';
import { OrganizationController } from './organization.controller';
import { StaffController } from './staff.controller';

/**
 * The console's administration: thin controllers over intent-named methods of the modules that own the
 * data (identity: accounts and grants; property: structure and departments; audit: the trail).
 */
@Module({
  imports: [IdentityModule, PropertyModule],
  controllers: [StaffController, OrganizationController, AuditLogController],
})
export class AdministrationModule {}
