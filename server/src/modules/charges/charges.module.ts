import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { CashController, CompanySettingsController, CounterSalesController, WaiversController } from './cash.controller';
import { CashService } from './cash.service';
import { ChargeStore } from './charge-store';
import { ChargesController } from './charges.controller';
import { ChargesService } from './charges.service';
import { CompanySettingsService } from './company-settings.service';
import { CounterSalesService } from './counter-sales.service';
import { WaiversService } from './waivers.service';

/** Exports ChargesService so the tickets module can post a charge when a paid ticket is verified. */
@Module({
  imports: [IdentityModule, CatalogModule],
  controllers: [ChargesController, CashController, WaiversController, CounterSalesController, CompanySettingsController],
  providers: [ChargeStore, ChargesService, CashService, WaiversService, CounterSalesService, CompanySettingsService],
  exports: [ChargesService],
})
export class ChargesModule {}
