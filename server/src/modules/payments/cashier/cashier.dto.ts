import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { ICashierPaymentRequest, ICashierTender, IDecidePaymentRequest, IPayTarget } from '@app/shared';
import { IsEntityId, IsQueryInt, Trim } from '../../../common/decorators';

/** One tender at the desk: ¥1,000,000 at most (a year of arrears of a large shop is far below; a typo is not). */
export const TENDER_MAX_FEN = 100_000_000;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DESK_METHODS: ICashierTender['method'][] = ['cash', 'transfer', 'pos', 'wechat_micropay', 'prepaid'];

export class CashierTenderDto implements ICashierTender {
  @IsIn(DESK_METHODS, { message: '收款方式只能是现金、银行转账、POS刷卡、微信付款码或预存抵扣' })
  method: ICashierTender['method'];

  @IsInt({ message: '收款金额必须是整数（分）' })
  @Min(1, { message: '收款金额须大于 0' })
  @Max(TENDER_MAX_FEN, { message: `单笔收款金额不能超过 ${TENDER_MAX_FEN / 100} 元` })
  amountFen: number;

  @IsOptional()
  @Trim()
  @IsString({ message: '凭证号必须是字符串' })
  @MaxLength(64, { message: '凭证号不能超过 64 个字符' })
  reference?: string;

  @IsOptional()
  @IsString({ message: '付款码必须是字符串' })
  @Matches(/^1[0-5]\d{16}$/, { message: '付款码应为 18 位数字（以 10–15 开头）' })
  authCode?: string;
}

export class PayTargetDto implements IPayTarget {
  @IsIn(['bill', 'charge'], { message: '缴费项目只能是账单或费用' })
  kind: 'bill' | 'charge';

  @IsEntityId()
  id: number;

  @IsOptional()
  @IsArray({ message: '账单明细必须是数组' })
  @ArrayMaxSize(50, { message: '账单明细最多 50 项' })
  @IsInt({ each: true, message: '账单明细必须是整数 ID' })
  @Min(1, { each: true, message: '账单明细必须是正整数 ID' })
  @Max(2_147_483_647, { each: true, message: '账单明细 ID 无效' })
  lineIds?: number[];
}

export class CashierPaymentDto implements ICashierPaymentRequest {
  @IsString({ message: '幂等键必须是字符串' })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: '幂等键为 8–64 位字母、数字、下划线或短横线' })
  idempotencyKey: string;

  @IsEntityId()
  houseId: number;

  @IsOptional()
  @IsArray({ message: '缴费项目必须是数组' })
  @ArrayMinSize(1, { message: '请选择要缴纳的账单或费用' })
  @ArrayMaxSize(50, { message: '一次最多选择 50 个缴费项目' })
  @ValidateNested({ each: true })
  @Type(() => PayTargetDto)
  targets?: PayTargetDto[];

  @IsArray({ message: '收款方式必须是数组' })
  @ArrayMinSize(1, { message: '请至少添加一种收款方式' })
  @ArrayMaxSize(6, { message: '一次收款最多 6 种收款方式' })
  @ValidateNested({ each: true })
  @Type(() => CashierTenderDto)
  tenders: CashierTenderDto[];

  @IsOptional()
  @IsInt({ message: '存入预存金额必须是整数（分）' })
  @Min(1, { message: '存入预存金额须大于 0' })
  @Max(TENDER_MAX_FEN, { message: `存入预存金额不能超过 ${TENDER_MAX_FEN / 100} 元` })
  topupFen?: number;
}

export class DecidePaymentDto implements IDecidePaymentRequest {
  @IsBoolean({ message: '请选择通过或驳回' })
  approve: boolean;

  @IsOptional()
  @Trim()
  @IsString({ message: '驳回原因必须是字符串' })
  @MaxLength(200, { message: '驳回原因不能超过 200 个字符' })
  reason?: string;
}

export class CashierHouseQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  houseId: number;
}

export class CashierProjectQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;
}

export class HandoverQueryDto extends CashierProjectQueryDto {
  @Matches(DAY, { message: '日期格式应为 YYYY-MM-DD' })
  date: string;
}
