import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { PropertyModule } from '../property/property.module';
import { PriceListsController, PublicFeeScheduleController, QuoteController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { PriceListService } from './price-list.service';

@Module({
  imports: [IdentityModule, PropertyModule],
  controllers: [PriceListsController, PublicFeeScheduleController, QuoteController],
  providers: [CatalogService, PriceListService],
  exports: [CatalogService],
})
export class CatalogModule {}
