import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { Building, BuildingManager, House, Unit } from './building.entity';
import { Company, Project, Region } from './company.entity';
import { CompanySettings } from './company-settings.entity';
import { DepartmentsService } from './departments.service';
import { HouseBillingStartService } from './house-billing-start.service';
import { HouseImportService } from './house-import.service';
import { PropertyAdminService } from './property-admin.service';
import { DirectoryController, PropertyController, TechniciansController } from './property.controller';
import { PropertyDirectory } from './property-directory.service';
import { PropertyService } from './property.service';
import { TechnicianDirectory } from './technician-directory.service';
import { TechnicianBuilding, TechnicianProfile } from './technician.entity';
import { TechniciansService } from './technicians.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Company,
      Region,
      Project,
      Building,
      Unit,
      House,
      BuildingManager,
      CompanySettings,
      TechnicianProfile,
      TechnicianBuilding,
    ]),
    IdentityModule,
  ],
  controllers: [PropertyController, TechniciansController, DirectoryController],
  providers: [
    PropertyService,
    HouseBillingStartService,
    HouseImportService,
    TechniciansService,
    PropertyDirectory,
    TechnicianDirectory,
    PropertyAdminService,
    DepartmentsService,
  ],
  exports: [
    PropertyService,
    PropertyDirectory,
    TechnicianDirectory,
    PropertyAdminService,
    DepartmentsService,
    TechniciansService,
  ],
})
export class PropertyModule {}
