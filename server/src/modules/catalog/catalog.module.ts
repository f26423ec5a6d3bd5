import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { PropertyModule } from '../property/property.module';
import { PriceListsController, PublicFeeScheduleController, QuoteController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { PriceListService } from './price-list.service';
import { ServiceCategoriesController } from './service-categories.controller';
import { ServiceCategoryService } from './service-category.service';

@Module({
  imports: [IdentityModule, PropertyModule],
  controllers: [PriceListsController, PublicFeeScheduleController, QuoteController, ServiceCategoriesController],
  providers: [CatalogService, PriceListService, ServiceCategoryService],
  exports: [CatalogService, ServiceCategoryService],
})
export class CatalogModule {}
