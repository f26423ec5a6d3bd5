import { Injectable, OnModuleInit } from '@nestjs/common';
import { BillLineSources } from '../../run/line-sources';
import { LateFeeLineSource } from './late-fee-source';
import { MeteredLineSource, PerSpaceLineSource } from './quantity-sources';
import { SharedLineSource } from './shared-source';
import { VacancyDiscountLineSource } from './vacancy-source';

/** Registers the input-driven sources with the run engine (after billing's own, so property fees exist for the vacancy discount). */
@Injectable()
export class InputLineSourcesRegistrar implements OnModuleInit {
  constructor(
    private readonly sources: BillLineSources,
    private readonly perSpace: PerSpaceLineSource,
    private readonly metered: MeteredLineSource,
    private readonly shared: SharedLineSource,
    private readonly vacancy: VacancyDiscountLineSource,
    private readonly lateFee: LateFeeLineSource,
  ) {}

  onModuleInit(): void {
    for (const source of [this.perSpace, this.metered, this.shared, this.vacancy, this.lateFee]) this.sources.register(source);
  }
}

export const INPUT_LINE_SOURCES = [PerSpaceLineSource, MeteredLineSource, SharedLineSource, VacancyDiscountLineSource, LateFeeLineSource, InputLineSourcesRegistrar];
