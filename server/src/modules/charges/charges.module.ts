import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BindingsModule } from '../bindings/bindings.module';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { PropertyModule } from '../property/property.module';
import {
  CashController,
  CompanySettingsController,
  CounterSalesController,
  WaiversController,
} from './cash.controller';
import { CashService } from './cash.service';
import { CashHandover, Charge, ChargeLine, WaiverBudget } from './charge.entity';
import { ChargeBilling } from './charge-billing.service';
import { ChargeSettlement } from './charge-settlement.service';
import { ChargeStore } from './charge-store';
import { ChargesController } from './charges.controller';
import { ChargeConfirmationService } from './charge-confirmation.service';
import { ChargesService } from './charges.service';
import { CompanySettingsService } from './company-settings.service';
import { CounterSalesService } from './counter-sales.service';
import { WaiversService } from './waivers.service';

/** Exports ChargesService so the tickets module can post a charge when a paid ticket is verified. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Charge, ChargeLine, CashHandover, WaiverBudget]),
    IdentityModule,
    PropertyModule,
    BindingsModule,
    CatalogModule,
  ],
  controllers: [
    ChargesController,
    CashController,
    WaiversController,
    CounterSalesController,
    CompanySettingsController,
  ],
  providers: [
    ChargeStore,
    ChargeBilling,
    ChargeSettlement,
    ChargesService,
    ChargeConfirmationService,
    CashService,
    WaiversService,
    CounterSalesService,
    CompanySettingsService,
  ],
  exports: [ChargesService, ChargeBilling, ChargeSettlement],
})
export class ChargesModule {}
