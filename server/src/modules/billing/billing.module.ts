import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BindingsModule } from '../bindings/bindings.module';
import { ChargesModule } from '../charges/charges.module';
import { IdentityModule } from '../identity/identity.module';
import { InboxModule } from '../inbox/inbox.module';
import { PropertyModule } from '../property/property.module';
import { BillingReportsModule } from './reports/billing-reports.module';
import { Bill, BillAdjustment, BillLine, BillRun, BillingItem } from './billing.entity';
import { BillLineSources } from './run/line-sources';

/**
 * Monthly property bills (issue 9, docs/billing.md). Owns billing_items, bill_runs, bills, bill_lines,
 * bill_adjustments; reads houses and charges only through property's and charges' owned sub-queries.
 */
@Module({
  imports: [TypeOrmModule.forFeature([BillingItem, BillRun, Bill, BillLine, BillAdjustment]), IdentityModule, PropertyModule, BindingsModule, ChargesModule, InboxModule, BillingReportsModule],
  controllers: [],
  providers: [BillLineSources],
  exports: [BillLineSources],
})
export class BillingModule {}
