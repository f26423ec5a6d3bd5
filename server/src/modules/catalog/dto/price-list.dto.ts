import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  FEE_UNITS,
  ICreatePriceListRequest,
  IPublishPriceListRequest,
  IQuotePreviewRequest,
  IQuoteRequestItem,
  IUpsertFeeCategoryRequest,
  IUpsertFeeItemRequest,
  IUpsertMaterialPriceRequest,
  PriceListKind,
  LIMITS,
} from '@app/shared';
import { IsEntityId, IsQueryInt, Trim } from '../../../common/decorators';

const MAX_PRICE_FEN = LIMITS.unitPriceFen;
const CODE = /^[A-Z0-9][A-Z0-9-]{0,15}$/;

export class CreatePriceListDto implements ICreatePriceListRequest {
  @IsIn(Object.values(PriceListKind), { message: 'kind 只能是 fee_schedule 或 materials' })
  kind: PriceListKind;

  @IsEntityId()
  companyId: number;

  @IsOptional()
  @IsEntityId()
  regionId?: number | null;

  @Trim()
  @IsString({ message: 'title 必须是字符串' })
  @IsNotEmpty({ message: '请填写标题' })
  @MaxLength(100, { message: '标题不能超过 100 个字符' })
  title: string;

  @IsOptional()
  @IsEntityId()
  copyFromVersionId?: number | null;

  @IsOptional()
  @Trim()
  @IsString({ message: 'notes 必须是字符串' })
  @MaxLength(500, { message: '说明不能超过 500 个字符' })
  notes?: string | null;
}

export class UpsertCategoryDto implements IUpsertFeeCategoryRequest {
  @Matches(CODE, { message: 'code 须为大写字母、数字或短横线，最多 16 位' })
  code: string;

  @Trim()
  @IsString({ message: 'name 必须是字符串' })
  @IsNotEmpty({ message: '请填写分类名称' })
  @MaxLength(50, { message: '分类名称不能超过 50 个字符' })
  name: string;

  @IsOptional()
  @IsInt({ message: 'sortOrder 必须是整数' })
  @Min(0, { message: 'sortOrder 不能小于 0' })
  @Max(LIMITS.sortOrder, { message: `sortOrder 不能大于 ${LIMITS.sortOrder}` })
  sortOrder?: number;
}

export class UpsertFeeItemDto implements IUpsertFeeItemRequest {
  @Matches(CODE, { message: 'categoryCode 格式不正确' })
  categoryCode: string;

  @Matches(CODE, { message: 'code 须为大写字母、数字或短横线，最多 16 位' })
  code: string;

  @Trim()
  @IsString({ message: 'name 必须是字符串' })
  @IsNotEmpty({ message: '请填写项目名称' })
  @MaxLength(80, { message: '项目名称不能超过 80 个字符' })
  name: string;

  @IsIn(FEE_UNITS as unknown as string[], { message: `unit 只能是 ${FEE_UNITS.join('/')}` })
  unit: string;

  @IsInt({ message: 'labourPriceFen 必须是整数（分）' })
  @Min(0, { message: 'labourPriceFen 不能为负数' })
  @Max(MAX_PRICE_FEN, { message: 'labourPriceFen 过大' })
  labourPriceFen: number;

  @IsOptional()
  @IsInt({ message: 'callOutFeeFen 必须是整数（分）' })
  @Min(0, { message: 'callOutFeeFen 不能为负数' })
  @Max(MAX_PRICE_FEN, { message: 'callOutFeeFen 过大' })
  callOutFeeFen?: number | null;

  @IsBoolean({ message: 'materialsExtra 必须是布尔值' })
  materialsExtra: boolean;

  @IsOptional()
  @IsBoolean({ message: 'counterSale 必须是布尔值' })
  counterSale?: boolean;

  @Trim()
  @IsString({ message: 'serviceStandard 必须是字符串' })
  @MaxLength(2000, { message: '服务标准不能超过 2000 个字符' })
  serviceStandard: string;

  @IsOptional()
  @IsInt({ message: 'sortOrder 必须是整数' })
  @Min(0, { message: 'sortOrder 不能小于 0' })
  @Max(LIMITS.sortOrder, { message: `sortOrder 不能大于 ${LIMITS.sortOrder}` })
  sortOrder?: number;
}

export class UpsertMaterialDto implements IUpsertMaterialPriceRequest {
  @Matches(CODE, { message: 'code 须为大写字母、数字或短横线，最多 16 位' })
  code: string;

  @Trim()
  @IsString({ message: 'name 必须是字符串' })
  @IsNotEmpty({ message: '请填写材料名称' })
  @MaxLength(80, { message: '材料名称不能超过 80 个字符' })
  name: string;

  @IsOptional()
  @Trim()
  @IsString({ message: 'spec 必须是字符串' })
  @MaxLength(80, { message: '规格不能超过 80 个字符' })
  spec?: string;

  @IsIn(FEE_UNITS as unknown as string[], { message: `unit 只能是 ${FEE_UNITS.join('/')}` })
  unit: string;

  @IsInt({ message: 'priceFen 必须是整数（分）' })
  @Min(0, { message: 'priceFen 不能为负数' })
  @Max(MAX_PRICE_FEN, { message: 'priceFen 过大' })
  priceFen: number;

  @IsOptional()
  @IsInt({ message: 'sortOrder 必须是整数' })
  @Min(0, { message: 'sortOrder 不能小于 0' })
  @Max(LIMITS.sortOrder, { message: `sortOrder 不能大于 ${LIMITS.sortOrder}` })
  sortOrder?: number;
}

export class PublishDto implements IPublishPriceListRequest {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'effectiveFrom 须为 ISO 时间' })
  effectiveFrom?: string;
}

export class QuoteItemDto implements IQuoteRequestItem {
  @Matches(CODE, { message: 'code 格式不正确' })
  code: string;

  @IsInt({ message: 'quantityMilli 必须是整数（千分之一单位）' })
  @Min(1, { message: 'quantityMilli 必须大于 0' })
  @Max(LIMITS.lineQuantityMilli, { message: 'quantityMilli 过大' })
  quantityMilli: number;
}

export class QuotePreviewDto implements IQuotePreviewRequest {
  @IsEntityId()
  projectId: number;

  @IsArray({ message: 'items 必须是数组' })
  @ArrayMinSize(1, { message: '至少选择一个收费项目' })
  @ArrayMaxSize(50, { message: 'items 最多 50 项' })
  @ValidateNested({ each: true })
  @Type(() => QuoteItemDto)
  items: QuoteItemDto[];

  @IsOptional()
  @IsArray({ message: 'materials 必须是数组' })
  @ArrayMaxSize(50, { message: 'materials 最多 50 项' })
  @ValidateNested({ each: true })
  @Type(() => QuoteItemDto)
  materials?: QuoteItemDto[];
}

export class MaterialsQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;
}

export class PublicScheduleQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;

  @IsOptional()
  @Trim()
  @IsString({ message: 'q 必须是字符串' })
  @MaxLength(32, { message: 'q 过长' })
  q?: string;
}

export class VersionListQueryDto {
  @IsOptional()
  @IsIn(Object.values(PriceListKind), { message: 'kind 只能是 fee_schedule 或 materials' })
  kind?: PriceListKind;

  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  companyId?: number;
}

export class DiffQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  against: number;
}
