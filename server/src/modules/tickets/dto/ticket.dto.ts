import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
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
  ICompleteRequest,
  ICreateTicketRequest,
  IDamageRequest,
  IDispatchRequest,
  IReasonRequest,
  IRegisterTicketRequest,
  IReplyRequest,
  IReturnVisitRequest,
  ISignatureRequest,
  ITicketQuoteRequest,
  ITransferRequest,
  IVerifyRequest,
  IAcceptJobRequest,
  ICheckInRequest,
  LIMITS,
  RepairScope,
  TicketChannel,
  TicketKind,
  TicketStatus,
  Urgency,
} from '@app/shared';
import { IsEntityId, IsQueryInt, Trim } from '../../../common/decorators';
import { PageQueryDto } from '../../../common/pagination.dto';
import { QuoteItemDto } from '../../catalog/dto/price-list.dto';

const MEDIA_IDS = () => [
  IsArray({ message: 'mediaIds 必须是数组' }),
  ArrayMaxSize(9, { message: '最多 9 张照片' }),
  IsInt({ each: true, message: 'mediaIds 必须是整数 ID' }),
  Min(1, { each: true, message: 'mediaIds 必须是正整数' }),
  Max(LIMITS.entityId, { each: true, message: 'mediaIds 不是有效 ID' }),
];

export class CreateTicketDto implements ICreateTicketRequest {
  @IsOptional() @IsEntityId() houseId?: number | null;
  @IsOptional() @IsEntityId() projectId?: number | null;
  @IsIn(['repair', 'service', 'suggestion', 'consultation'], {
    message: 'kind 只能是 repair、service、suggestion 或 consultation（投诉请走投诉流程）',
  })
  kind: TicketKind;
  @IsOptional()
  @IsIn(Object.values(RepairScope), { message: 'scope 只能是 home 或 public' })
  scope?: RepairScope | null;
  @Trim()
  @IsString({ message: 'category 必须是字符串' })
  @IsNotEmpty({ message: '请选择类别' })
  @MaxLength(32, { message: 'category 过长' })
  category: string;
  @IsOptional() @Matches(/^[A-Z0-9][A-Z0-9-]{0,15}$/, { message: 'feeItemCode 格式不正确' }) feeItemCode?:
    string | null;
  @IsIn(Object.values(Urgency), { message: 'urgency 只能是 emergency 或 normal' }) urgency: Urgency;
  @Trim()
  @IsString({ message: 'description 必须是字符串' })
  @IsNotEmpty({ message: '请描述问题' })
  @MaxLength(1000, { message: '描述不能超过 1000 字' })
  description: string;
  @IsOptional() @applyDecorators(...MEDIA_IDS()) mediaIds?: number[];
  @IsOptional() @IsISO8601({ strict: true }, { message: 'preferredStart 须为 ISO 时间' }) preferredStart?:
    string | null;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'preferredEnd 须为 ISO 时间' }) preferredEnd?: string | null;
  @IsOptional() @IsIn(Object.values(TicketChannel), { message: 'channel 不正确' }) channel?: TicketChannel;
  @IsOptional()
  @Trim()
  @IsString({ message: 'contactName 必须是字符串' })
  @MaxLength(32, { message: '联系人不能超过 32 字' })
  contactName?: string | null;
  @IsOptional() @Matches(/^1[3-9]\d{9}$/, { message: '请填写有效的 11 位手机号' }) contactPhone?: string | null;
}

export class TicketListQueryDto extends PageQueryDto {
  @IsOptional() @IsQueryInt(1, 2_147_483_647) projectId?: number;
  @IsOptional() @IsIn(Object.values(TicketStatus), { message: 'status 不正确' }) status?: TicketStatus;
  @IsOptional() @IsIn(Object.values(TicketKind), { message: 'kind 不正确' }) kind?: TicketKind;
}

export class ProjectQueryDto {
  @IsQueryInt(1, 2_147_483_647) projectId: number;
}

export class RegisterDto implements IRegisterTicketRequest {
  @IsOptional()
  @Trim()
  @IsString({ message: 'category 必须是字符串' })
  @IsNotEmpty({ message: '请选择类别' })
  @MaxLength(32, { message: 'category 过长' })
  category?: string;
  @IsOptional() @IsIn(Object.values(Urgency), { message: 'urgency 不正确' }) urgency?: Urgency;
  @IsOptional() @IsBoolean({ message: 'priceExplained 必须是布尔值' }) priceExplained?: boolean;
}

/** Dispatch outside the category's skills only on purpose, with a reason that is recorded. */
export class DispatchDto implements IDispatchRequest {
  @IsEntityId() technicianId: number;

  @IsOptional() @IsBoolean({ message: 'override（破例派单）必须是 true 或 false' }) override?: boolean;

  @IsOptional()
  @IsString({ message: 'overrideReason（破例原因）必须是字符串' })
  @Matches(/\S/, { message: '请填写破例原因（overrideReason）' })
  @MaxLength(200, { message: '破例原因（overrideReason）不能超过 200 字' })
  overrideReason?: string;
}

export class ReasonDto implements IReasonRequest {
  @Trim()
  @IsString({ message: 'reason 必须是字符串' })
  @IsNotEmpty({ message: '请填写原因' })
  @MaxLength(200, { message: '原因不能超过 200 字' })
  reason: string;
}

export class TransferDto extends ReasonDto implements ITransferRequest {
  @IsEntityId() technicianId: number;

  @IsOptional() @IsBoolean({ message: 'override（破例派单）必须是 true 或 false' }) override?: boolean;

  @IsOptional()
  @IsString({ message: 'overrideReason（破例原因）必须是字符串' })
  @Matches(/\S/, { message: '请填写破例原因（overrideReason）' })
  @MaxLength(200, { message: '破例原因（overrideReason）不能超过 200 字' })
  overrideReason?: string;
}

export class AcceptJobDto implements IAcceptJobRequest {
  @IsISO8601({ strict: true }, { message: 'visitAt 须为 ISO 时间' }) visitAt: string;
}

export class CheckInDto implements ICheckInRequest {
  @IsOptional() @applyDecorators(...MEDIA_IDS()) mediaIds?: number[];
}

export class TicketQuoteDto implements ITicketQuoteRequest {
  @IsArray({ message: 'items 必须是数组' })
  @ArrayMaxSize(30, { message: 'items 最多 30 项' })
  @ValidateNested({ each: true })
  @Type(() => QuoteItemDto)
  items: QuoteItemDto[];
  @IsOptional()
  @IsArray({ message: 'materials 必须是数组' })
  @ArrayMaxSize(30, { message: 'materials 最多 30 项' })
  @ValidateNested({ each: true })
  @Type(() => QuoteItemDto)
  materials?: QuoteItemDto[];
}

export class SignatureDto implements ISignatureRequest {
  @IsEntityId() signatureMediaId: number;
  @Trim()
  @IsString({ message: 'signerName 必须是字符串' })
  @IsNotEmpty({ message: '请填写签字人' })
  @MaxLength(32, { message: '签字人不能超过 32 字' })
  signerName: string;
  @IsIn(['owner', 'tenant', 'family', 'agent'], { message: 'relation 只能是 owner、tenant、family 或 agent' })
  relation: string;
  @Matches(/^[0-9a-f]{64}$/, { message: 'snapshotHash 须为 64 位十六进制' }) snapshotHash: string;
}

export class CompleteDto implements ICompleteRequest {
  @Trim()
  @IsString({ message: 'result 必须是字符串' })
  @IsNotEmpty({ message: '请填写处理结果' })
  @MaxLength(500, { message: '处理结果不能超过 500 字' })
  result: string;
  @applyDecorators(...MEDIA_IDS()) mediaIds: number[];
  @IsOptional()
  @IsArray({ message: 'items 必须是数组' })
  @ArrayMaxSize(30, { message: 'items 最多 30 项' })
  @ValidateNested({ each: true })
  @Type(() => QuoteItemDto)
  items?: QuoteItemDto[];
  @IsOptional()
  @IsArray({ message: 'materials 必须是数组' })
  @ArrayMaxSize(30, { message: 'materials 最多 30 项' })
  @ValidateNested({ each: true })
  @Type(() => QuoteItemDto)
  materials?: QuoteItemDto[];
}

const rating = (field: string) => [
  IsInt({ message: `${field} 必须是 1–5 的整数` }),
  Min(1, { message: `${field} 不能小于 1` }),
  Max(5, { message: `${field} 不能大于 5` }),
];

export class VerifyDto implements IVerifyRequest {
  @applyDecorators(...rating('overall')) overall: number;
  @applyDecorators(...rating('punctuality')) punctuality: number;
  @applyDecorators(...rating('attitude')) attitude: number;
  @IsOptional()
  @Trim()
  @IsString({ message: 'comment 必须是字符串' })
  @MaxLength(500, { message: '评价不能超过 500 字' })
  comment?: string | null;
  @IsOptional() @IsEntityId() signatureMediaId?: number;
  @IsOptional()
  @Trim()
  @IsString({ message: 'signerName 必须是字符串' })
  @MaxLength(32, { message: '签字人不能超过 32 字' })
  signerName?: string;
  @IsOptional()
  @IsIn(['owner', 'tenant', 'family', 'agent'], { message: 'relation 只能是 owner、tenant、family 或 agent' })
  relation?: string;
  @IsOptional() @Matches(/^[0-9a-f]{64}$/, { message: 'snapshotHash 须为 64 位十六进制' }) snapshotHash?: string;
  /** Public-area acceptance only: the building representative's relation, e.g. 楼长. */
  @IsOptional()
  @IsString({ message: 'representativeRelation 必须是字符串' })
  @MaxLength(20, { message: '楼栋代表关系不能超过 20 字' })
  representativeRelation?: string;
}

export class ReturnVisitDto implements IReturnVisitRequest {
  @Trim()
  @IsString({ message: 'result 必须是字符串' })
  @IsNotEmpty({ message: '请填写回访结果' })
  @MaxLength(500, { message: '回访结果不能超过 500 字' })
  result: string;
  @IsBoolean({ message: 'satisfied 必须是布尔值' }) satisfied: boolean;
}

export class ReplyDto implements IReplyRequest {
  @Trim()
  @IsString({ message: 'reply 必须是字符串' })
  @IsNotEmpty({ message: '请填写答复' })
  @MaxLength(2000, { message: '答复不能超过 2000 字' })
  reply: string;
}

export class DamageDto implements IDamageRequest {
  @Trim()
  @IsString({ message: 'description 必须是字符串' })
  @IsNotEmpty({ message: '请描述损坏情况' })
  @MaxLength(500, { message: '描述不能超过 500 字' })
  description: string;
  @IsInt({ message: 'compensationFen 必须是整数（分）' })
  @Min(0, { message: 'compensationFen 不能为负数' })
  @Max(LIMITS.compensationFen, { message: 'compensationFen 过大' })
  compensationFen: number;
}

/** Declining may be signed: a signed decline is what allows a call-out fee to be charged. */
export class DeclineQuoteDto extends ReasonDto implements Partial<ISignatureRequest> {
  @IsOptional() @IsEntityId() signatureMediaId?: number;
  @IsOptional()
  @Trim()
  @IsString({ message: 'signerName 必须是字符串' })
  @MaxLength(32, { message: '签字人不能超过 32 字' })
  signerName?: string;
  @IsOptional()
  @IsIn(['owner', 'tenant', 'family', 'agent'], { message: 'relation 只能是 owner、tenant、family 或 agent' })
  relation?: string;
  @IsOptional() @Matches(/^[0-9a-f]{64}$/, { message: 'snapshotHash 须为 64 位十六进制' }) snapshotHash?: string;
}
