import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  IApplyVacancyRequest,
  IDecideVacancyRequest,
  IRecordReadingRequest,
  ISetHouseQuantityRequest,
  ISetSharedAmountRequest,
  IUpdateLateFeePolicyRequest,
  VacancyStatus,
} from '@app/shared';
import { IsEntityId, IsNonBlank, IsQueryInt, Trim } from '../../../common/decorators';
import { PageQueryDto } from '../../../common/pagination.dto';
import { LATE_FEE_BOUNDS } from './late-fee-rule';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const PERIOD_MESSAGE = '月份格式应为 YYYY-MM，如 2026-03';
/** Item codes as billing_items stores them (upper-case letters, digits, dash). */
const ITEM_CODE = /^[A-Z0-9-]{1,16}$/;
const ITEM_CODE_MESSAGE = '收费项目编码须为大写字母、数字或短横线，最多 16 位';
/** Meter values: up to 1,999,999.999 so thousandths fit an INT column. */
const METER_VALUE = /^\s*\d{1,7}(\.\d{1,3})?\s*$/;

export class ReadingQueryDto extends PageQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;

  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period: string;

  @IsOptional()
  @Matches(ITEM_CODE, { message: ITEM_CODE_MESSAGE })
  itemCode?: string;
}

export class ReadingTemplateQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;

  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period: string;

  @Matches(ITEM_CODE, { message: ITEM_CODE_MESSAGE })
  itemCode: string;
}

export class ReadingImportQueryDto extends ReadingTemplateQueryDto {
  /** Query text: only "true" is a dry run. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun 只能是 true 或 false' })
  dryRun?: string;
}

export class RecordReadingDto implements IRecordReadingRequest {
  @IsEntityId()
  projectId: number;

  @IsEntityId()
  houseId: number;

  @Matches(ITEM_CODE, { message: ITEM_CODE_MESSAGE })
  itemCode: string;

  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period: string;

  @IsString()
  @Matches(METER_VALUE, { message: '本期读数须为非负数字，最多 3 位小数，不超过 1999999.999' })
  reading: string;

  @IsOptional()
  @IsBoolean()
  meterChanged?: boolean;

  @IsOptional()
  @IsString()
  @Matches(METER_VALUE, { message: '新表起始读数须为非负数字，最多 3 位小数，不超过 1999999.999' })
  startReading?: string;
}

export class SetHouseQuantityDto implements ISetHouseQuantityRequest {
  @Matches(ITEM_CODE, { message: ITEM_CODE_MESSAGE })
  itemCode: string;

  @IsEntityId()
  houseId: number;

  /** 0 removes the quantity; up to 3 decimals. */
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  quantity: number;
}

export class SetSharedAmountDto implements ISetSharedAmountRequest {
  @IsEntityId()
  projectId: number;

  @Matches(ITEM_CODE, { message: ITEM_CODE_MESSAGE })
  itemCode: string;

  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period: string;

  @IsString()
  @Matches(/^\s*\d{1,7}(\.\d{1,2})?\s*$/, { message: '公摊金额须为非负金额（元），最多两位小数，不超过 9999999.99' })
  amount: string;
}

export class VacancyQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;

  @IsOptional()
  @IsIn(Object.values(VacancyStatus))
  status?: VacancyStatus;
}

export class ApplyVacancyDto implements IApplyVacancyRequest {
  @IsEntityId()
  houseId: number;

  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  fromPeriod: string;

  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  toPeriod: string;

  @IsNonBlank()
  @MaxLength(200)
  reason: string;
}

export class DecideVacancyDto implements IDecideVacancyRequest {
  @IsBoolean()
  approve: boolean;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  note?: string;
}

const bounded = (min: number, max: number) => [IsInt(), Min(min), Max(max)];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

export class UpdateLateFeePolicyDto implements IUpdateLateFeePolicyRequest {
  @IsBoolean()
  enabled: boolean;

  @apply(bounded(LATE_FEE_BOUNDS.graceDays.min, LATE_FEE_BOUNDS.graceDays.max))
  graceDays: number;

  @apply(bounded(LATE_FEE_BOUNDS.dailyRatePer100k.min, LATE_FEE_BOUNDS.dailyRatePer100k.max))
  dailyRatePer100k: number;

  @apply(bounded(LATE_FEE_BOUNDS.capPercent.min, LATE_FEE_BOUNDS.capPercent.max))
  capPercent: number;

  @apply(bounded(LATE_FEE_BOUNDS.vacancyDiscountPercent.min, LATE_FEE_BOUNDS.vacancyDiscountPercent.max))
  vacancyDiscountPercent: number;
}
