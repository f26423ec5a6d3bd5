import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BillRunChecks } from '../../run/bill-run-check';
import { BillLineSources } from '../../run/line-sources';
import { LateFeeLineSource } from './late-fee-source';
import { MeteredLineSource, PerSpaceLineSource } from './quantity-sources';
import { SharedLineSource } from './shared-source';
import { VacancyDiscountLineSource } from './vacancy-source';

/**
 * Registers the input-driven sources with the run engine. At bootstrap, i.e. after BillingModule's own
 * onModuleInit registered the property-fee source, which the vacancy discount reads.
 */
@Injectable()
export class InputLineSourcesRegistrar implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sources: BillLineSources,
    private readonly checks: BillRunChecks,
    private readonly perSpace: PerSpaceLineSource,
    private readonly metered: MeteredLineSource,
    private readonly shared: SharedLineSource,
    private readonly vacancy: VacancyDiscountLineSource,
    private readonly lateFee: LateFeeLineSource,
  ) {}

  onApplicationBootstrap(): void {
    for (const source of [this.perSpace, this.metered, this.shared, this.vacancy, this.lateFee])
      this.sources.register(source);
    this.checks.register(async (projectId, period) => ({
      missingReadings: await this.metered.missingReadings(this.db.manager, projectId, period),
    }));
  }
}

export const INPUT_LINE_SOURCES = [
  PerSpaceLineSource,
  MeteredLineSource,
  SharedLineSource,
  VacancyDiscountLineSource,
  LateFeeLineSource,
  InputLineSourcesRegistrar,
];
