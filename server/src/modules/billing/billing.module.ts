import { Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BindingsModule } from '../bindings/bindings.module';
import { ChargeBilling } from '../charges/charge-billing.service';
import { ChargesModule } from '../charges/charges.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PropertyDirectory } from '../property/property-directory.service';
import { PropertyModule } from '../property/property.module';
import { BillSettlement } from './bill-settlement';
import { BillPublishedHooks } from './bill-published-hooks';
import { BillViews } from './bill-views';
import { BillingController } from './billing.controller';
import { Bill, BillAdjustment, BillLine, BillRun, BillingItem } from './billing.entity';
import { BillsMineController } from './bills-mine.controller';
import { BillsService } from './bills.service';
import { PropertyFeeQuote } from './property-fee-quote';
import { CorrectionsService } from './corrections.service';
import { BillingItemsService } from './items.service';
import { BillRunChecks } from './run/bill-run-check';
import { BillRunEngine } from './run/bill-run.engine';
import { BillRunService } from './run/bill-run.service';
import { INPUT_CONTROLLERS, INPUT_ENTITIES, INPUT_PROVIDERS } from './inputs';
import { AmountsListController } from './inputs/amounts-list.controller';
import { AmountsListService } from './inputs/amounts-list.service';
import { ReadingsService } from './inputs/readings.service';
import { BillLineSources } from './run/line-sources';
import { BullMqBillRunQueue } from './run/bullmq-queue';
import { BillRunJob, BillRunQueue, InProcessBillRunQueue } from './run/run-queue';
import { AdjustmentSource } from './run/sources/adjustment.source';
import { ChargeLineSource } from './run/sources/charge.source';
import { FixedFeeSource, PropertyFeeSource } from './run/sources/property-fee.source';

/**
 * Monthly property bills (issue 9, docs/billing.md). Owns billing_items, bill_runs, bills, bill_lines,
 * bill_adjustments; reads houses and charges only through property's and charges' owned sub-queries.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([BillingItem, BillRun, Bill, BillLine, BillAdjustment, ...INPUT_ENTITIES]),
    IdentityModule,
    PropertyModule,
    BindingsModule,
    ChargesModule,
    NotificationsModule,
  ],
  controllers: [BillingController, BillsMineController, ...INPUT_CONTROLLERS, AmountsListController],
  providers: [
    BillPublishedHooks,
    PropertyFeeQuote,
    BillLineSources,
    BillSettlement,
    BillRunEngine,
    BillRunChecks,
    BillRunService,
    BillViews,
    BillsService,
    CorrectionsService,
    BillingItemsService,
    ...INPUT_PROVIDERS,
    AmountsListService,
    {
      provide: BillRunQueue,
      // REDIS_URL is read here until the notifications work brings a shared Redis setting (docs/billing.md).
      useFactory: (engine: BillRunEngine) => {
        const work = (job: BillRunJob) => engine.process(job.runId, job.leaseOwner);
        return process.env.REDIS_URL
          ? new BullMqBillRunQueue(process.env.REDIS_URL, work)
          : new InProcessBillRunQueue(work);
      },
      inject: [BillRunEngine],
    },
  ],
  exports: [
    BillLineSources,
    BillRunChecks,
    BillsService,
    ReadingsService,
    BillSettlement,
    BillPublishedHooks,
    PropertyFeeQuote,
  ],
})
export class BillingModule implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly sources: BillLineSources,
    private readonly property: PropertyDirectory,
    private readonly charges: ChargeBilling,
    private readonly queue: BillRunQueue,
  ) {}

  onModuleInit(): void {
    this.sources.register(new PropertyFeeSource(this.property));
    this.sources.register(new FixedFeeSource(this.property));
    this.sources.register(new ChargeLineSource(this.charges));
    this.sources.register(new AdjustmentSource());
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}
