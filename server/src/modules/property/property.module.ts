import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { HouseImportService } from './house-import.service';
import { DirectoryController, PropertyController, TechniciansController } from './property.controller';
import { PropertyService } from './property.service';
import { TechniciansService } from './technicians.service';

@Module({
  imports: [IdentityModule],
  controllers: [PropertyController, TechniciansController, DirectoryController],
  providers: [PropertyService, HouseImportService, TechniciansService],
  exports: [PropertyService],
})
export class PropertyModule {}
