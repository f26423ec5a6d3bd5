import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { PropertyModule } from '../property/property.module';
import { PriceListsController, PublicFeeScheduleController, QuoteController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { FeeCategory, FeeItem, MaterialPrice, PriceListVersion } from './price-list.entity';
import { PriceListEntriesService } from './price-list-entries.service';
import { PriceListReader } from './price-list.reader';
import { PriceListService } from './price-list.service';
import { ServiceCategoriesController } from './service-categories.controller';
import { ServiceCategory } from './service-category.entity';
import { ServiceCategoryService } from './service-category.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([PriceListVersion, FeeCategory, FeeItem, MaterialPrice, ServiceCategory]),
    AuditModule,
    IdentityModule,
    PropertyModule,
  ],
  controllers: [PriceListsController, PublicFeeScheduleController, QuoteController, ServiceCategoriesController],
  providers: [CatalogService, PriceListService, PriceListReader, PriceListEntriesService, ServiceCategoryService],
  exports: [CatalogService, ServiceCategoryService],
})
export class CatalogModule {}
