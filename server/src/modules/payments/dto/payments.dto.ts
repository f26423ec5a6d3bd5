import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import {
  PaymentStatus,
  RefundStatus,
  TenderMethod,
  type ICreatePayOrderRequest,
  type IDecideRefundRequest,
  type IPaymentListQuery,
  type IPayTarget,
  type IRequestRefundRequest,
} from '@app/shared';
import { IsQueryInt } from '../../../common/decorators';
import { PageQueryDto } from '../../../common/pagination.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class PaymentListQueryDto extends PageQueryDto implements IPaymentListQuery {
  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  projectId?: number;

  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  houseId?: number;

  @IsOptional()
  @IsIn(Object.values(TenderMethod), { message: '收款方式不是有效选项' })
  method?: TenderMethod;

  @IsOptional()
  @IsIn(Object.values(PaymentStatus), { message: '收款状态不是有效选项' })
  status?: PaymentStatus;

  @IsOptional()
  @Matches(DAY, { message: '开始日期格式应为 YYYY-MM-DD' })
  from?: string;

  @IsOptional()
  @Matches(DAY, { message: '结束日期格式应为 YYYY-MM-DD' })
  to?: string;
}

export class HouseQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  houseId: number;
}

export class MyPaymentsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  houseId?: number;
}

const KEY = /^[A-Za-z0-9_-]{8,64}$/;

export class PayTargetDto implements IPayTarget {
  @IsIn(['bill', 'charge'], { message: '缴费项目类型不是有效选项' })
  kind: 'bill' | 'charge';

  @IsInt({ message: '缴费项目编号必须是整数' })
  @Min(1, { message: '缴费项目不存在' })
  @Max(2_147_483_647, { message: '缴费项目不存在' })
  id: number;

  @IsOptional()
  @IsArray({ message: '账单明细必须是列表' })
  @ArrayMaxSize(200, { message: '账单明细最多 200 项' })
  @IsInt({ each: true, message: '账单明细编号必须是整数' })
  @Min(1, { each: true, message: '账单明细编号必须是正整数' })
  @Max(2_147_483_647, { each: true, message: '账单明细不存在' })
  lineIds?: number[];
}

export class CreatePayOrderDto implements ICreatePayOrderRequest {
  @Matches(KEY, { message: '幂等键为 8–64 位字母、数字、下划线或短横线' })
  idempotencyKey: string;

  @IsInt({ message: '请选择房屋' })
  @Min(1, { message: '请选择房屋' })
  @Max(2_147_483_647, { message: '房屋不存在' })
  houseId: number;

  @IsOptional()
  @IsArray({ message: '缴费项目必须是列表' })
  @ArrayMinSize(1, { message: '请选择要缴纳的账单或费用' })
  @ArrayMaxSize(50, { message: '一次最多缴纳 50 项' })
  @ValidateNested({ each: true })
  @Type(() => PayTargetDto)
  targets?: PayTargetDto[];

  @IsOptional()
  @IsInt({ message: '预存金额必须是整数（分）' })
  @Min(1, { message: '预存金额必须大于 0' })
  @Max(100_000_000, { message: '预存金额不能超过 100 万元' })
  topupFen?: number;

  @IsOptional()
  @IsInt({ message: '预存优惠不存在' })
  @Min(1, { message: '预存优惠不存在' })
  @Max(2_147_483_647, { message: '预存优惠不存在' })
  prepayOfferId?: number;
}

export class RefundListQueryDto extends PageQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;

  @IsOptional()
  @IsIn(Object.values(RefundStatus), { message: '退款状态不是有效选项' })
  status?: RefundStatus;
}

export class RequestRefundDto implements IRequestRefundRequest {
  @IsInt({ message: '请选择收款记录' })
  @Min(1, { message: '收款记录不存在' })
  @Max(2_147_483_647, { message: '收款记录不存在' })
  paymentId: number;

  @IsInt({ message: '退款金额必须是整数（分）' })
  @Min(1, { message: '退款金额必须大于 0' })
  @Max(2_147_483_647, { message: '退款金额过大' })
  amountFen: number;

  @Transform(trim)
  @IsString({ message: '请填写退款原因' })
  @IsNotEmpty({ message: '请填写退款原因' })
  @MaxLength(200, { message: '退款原因不能超过 200 个字符' })
  reason: string;
}

export class DecideRefundDto implements IDecideRefundRequest {
  @IsBoolean({ message: '审批结果只能是同意或驳回' })
  approve: boolean;

  @IsOptional()
  @Transform(trim)
  @IsString({ message: '原因必须是文字' })
  @MaxLength(200, { message: '原因不能超过 200 个字符' })
  reason?: string;
}

export class CompleteRefundDto {
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '凭证号必须是文字' })
  @MaxLength(64, { message: '凭证号不能超过 64 个字符' })
  reference?: string;
}
