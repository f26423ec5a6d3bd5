import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ICashHandoverRequest, ICounterSaleRequest, ICompanySettings, LIMITS } from '@app/shared';
import { IsEntityId, IsQueryInt, Trim } from '../../../common/decorators';

export class CashOutstandingQueryDto {
  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  projectId?: number;
}

export class CashHandoverDto implements ICashHandoverRequest {
  @IsEntityId()
  technicianId: number;

  @IsArray({ message: 'chargeIds 必须是数组' })
  @ArrayMinSize(1, { message: '请至少选择一笔现金' })
  @ArrayMaxSize(200, { message: '一次最多交款 200 笔' })
  @ArrayUnique({ message: 'chargeIds 不能重复' })
  @IsInt({ each: true, message: 'chargeIds 必须是整数 ID' })
  @Min(1, { each: true, message: 'chargeIds 必须是正整数' })
  @Max(LIMITS.entityId, { each: true, message: 'chargeIds 不是有效 ID' })
  chargeIds: number[];
}

export class CounterSaleItemDto {
  @Trim()
  @IsString({ message: 'code 必须是字符串' })
  @IsNotEmpty({ message: '请填写收费项目编码' })
  @MaxLength(16, { message: '收费项目编码不能超过 16 个字符' })
  code: string;

  @IsInt({ message: 'quantityMilli 必须是整数（千分之一单位）' })
  @Min(1, { message: 'quantityMilli 必须大于 0' })
  @Max(LIMITS.lineQuantityMilli, { message: 'quantityMilli 过大' })
  quantityMilli: number;
}

export class CounterSaleDto implements ICounterSaleRequest {
  @IsEntityId()
  projectId: number;

  @IsOptional()
  @IsEntityId()
  houseId?: number | null;

  @IsArray({ message: 'items 必须是数组' })
  @ArrayMinSize(1, { message: '请至少选择一个收费项目' })
  @ArrayMaxSize(50, { message: '一次最多 50 个收费项目' })
  @ValidateNested({ each: true })
  @Type(() => CounterSaleItemDto)
  items: CounterSaleItemDto[];

  @IsIn(['cash', 'wechat', 'alipay', 'pos'], { message: 'paidBy 只能是 cash、wechat、alipay 或 pos' })
  paidBy: 'cash' | 'wechat' | 'alipay' | 'pos';

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value))
  @IsString({ message: 'note 必须是字符串' })
  @MaxLength(200, { message: '备注不能超过 200 个字符' })
  note?: string | null;
}

export class CounterSaleLedgerQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;

  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date 必须是 YYYY-MM-DD 格式的日期' })
  date: string;
}

/** Cash is for small amounts and waivers are a customer manager's discretion: both stay small (R14). */

export class CompanySettingsDto implements Omit<ICompanySettings, 'companyId'> {
  @IsInt({ message: 'cashLimitFen 必须是整数（分）' })
  @Min(0, { message: 'cashLimitFen 不能小于 0' })
  @Max(LIMITS.cashLimitFen, {
    message: `cashLimitFen 不能大于 ${LIMITS.cashLimitFen}（¥${LIMITS.cashLimitFen / 100}）`,
  })
  cashLimitFen: number;

  @IsInt({ message: 'waiverMonthlyCapFen 必须是整数（分）' })
  @Min(0, { message: 'waiverMonthlyCapFen 不能小于 0' })
  @Max(LIMITS.waiverMonthlyCapFen, {
    message: `waiverMonthlyCapFen 不能大于 ${LIMITS.waiverMonthlyCapFen}（¥${LIMITS.waiverMonthlyCapFen / 100}）`,
  })
  waiverMonthlyCapFen: number;
}
