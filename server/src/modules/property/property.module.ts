import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { DepartmentsService } from './departments.service';
import { HouseImportService } from './house-import.service';
import { PropertyAdminService } from './property-admin.service';
import { DirectoryController, PropertyController, TechniciansController } from './property.controller';
import { PropertyService } from './property.service';
import { TechniciansService } from './technicians.service';

@Module({
  imports: [IdentityModule],
  controllers: [PropertyController, TechniciansController, DirectoryController],
  providers: [PropertyService, HouseImportService, TechniciansService, PropertyAdminService, DepartmentsService],
  exports: [PropertyService, PropertyAdminService, DepartmentsService, TechniciansService],
})
export class PropertyModule {}
