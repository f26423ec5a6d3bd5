import { AmountsService } from './amounts.service';
import { BillingInputsController, MyVacanciesController } from './inputs.controller';
import { LateFeePolicyService } from './late-fee-policy.service';
import { ReadingImportService } from './reading-import.service';
import { ReadingsService } from './readings.service';
import { INPUT_LINE_SOURCES } from './sources/register';
import { VacanciesService } from './vacancies.service';

/** Billing's run inputs (readings, quantities, 公摊, vacancies, late fees), wired into BillingModule. */
export const INPUT_CONTROLLERS = [BillingInputsController, MyVacanciesController];
export const INPUT_PROVIDERS = [
  ReadingsService,
  ReadingImportService,
  AmountsService,
  LateFeePolicyService,
  VacanciesService,
  ...INPUT_LINE_SOURCES,
];
export { INPUT_ENTITIES } from './inputs.entity';
