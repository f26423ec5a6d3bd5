import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BindingsModule } from '../bindings/bindings.module';
import { ChargeBilling } from '../charges/charge-billing.service';
import { ChargesModule } from '../charges/charges.module';
import { IdentityModule } from '../identity/identity.module';
import { InboxModule } from '../inbox/inbox.module';
import { PropertyDirectory } from '../property/property-directory.service';
import { PropertyModule } from '../property/property.module';
import { BillViews } from './bill-views';
import { BillingController } from './billing.controller';
import { BillingReportsModule } from './reports/billing-reports.module';
import { Bill, BillAdjustment, BillLine, BillRun, BillingItem } from './billing.entity';
import { BillsMineController } from './bills-mine.controller';
import { BillsService } from './bills.service';
import { CorrectionsService } from './corrections.service';
import { BillingItemsService } from './items.service';
import { BillRunChecks } from './run/bill-run-check';
import { BillRunEngine } from './run/bill-run.engine';
import { BillRunService } from './run/bill-run.service';
import { INPUT_CONTROLLERS, INPUT_ENTITIES, INPUT_PROVIDERS } from './inputs';
import { AmountsListController, AmountsListService } from './inputs/amounts-list';
import { BillLineSources } from './run/line-sources';
import { BillRunQueue, InProcessBillRunQueue } from './run/run-queue';
import { AdjustmentSource } from './run/sources/adjustment.source';
import { ChargeLineSource } from './run/sources/charge.source';
import { FixedFeeSource, PropertyFeeSource } from './run/sources/property-fee.source';

/**
 * Monthly property bills (issue 9, docs/billing.md). Owns billing_items, bill_runs, bills, bill_lines,
 * bill_adjustments; reads houses and charges only through property's and charges' owned sub-queries.
 */
@Module({
  imports: [TypeOrmModule.forFeature([BillingItem, BillRun, Bill, BillLine, BillAdjustment, ...INPUT_ENTITIES]), IdentityModule, PropertyModule, BindingsModule, ChargesModule, InboxModule, BillingReportsModule],
  controllers: [BillingController, BillsMineController, ...INPUT_CONTROLLERS, AmountsListController],
  providers: [
    BillLineSources, BillRunEngine, BillRunChecks, BillRunService, BillViews, BillsService, CorrectionsService, BillingItemsService,
    ...INPUT_PROVIDERS,
    AmountsListService,
    {
      provide: BillRunQueue,
      useFactory: (engine: BillRunEngine) => new InProcessBillRunQueue((job) => engine.process(job.runId, job.leaseOwner)),
      inject: [BillRunEngine],
    },
  ],
  exports: [BillLineSources, BillRunChecks],
})
export class BillingModule implements OnModuleInit {
  constructor(
    private readonly sources: BillLineSources,
    private readonly property: PropertyDirectory,
    private readonly charges: ChargeBilling,
  ) {}

  onModuleInit(): void {
    this.sources.register(new PropertyFeeSource(this.property));
    this.sources.register(new FixedFeeSource(this.property));
    this.sources.register(new ChargeLineSource(this.charges));
    this.sources.register(new AdjustmentSource());
  }
}
