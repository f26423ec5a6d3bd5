import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  Max,
} from 'class-validator';
import {
  BillPayState,
  BillStatus,
  BillingItemKind,
  HouseType,
  SharedSplit,
  type BillingItemKind as ItemKind,
  type IAddAdjustmentRequest,
  type IBillListQuery,
  type IStartBillRunRequest,
  type IUpsertBillingItemRequest,
  type IVoidAndReissueRequest,
} from '@app/shared';
import { IsQueryInt } from '../../../common/decorators';
import { PageQueryDto } from '../../../common/pagination.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' || value === true
    ? true
    : value === 'false' || value === '0' || value === false
      ? false
      : value;

export class ItemsQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'includeEnded 只能是 true 或 false' })
  includeEnded?: boolean;
}

export class UpsertBillingItemDto implements IUpsertBillingItemRequest {
  @IsInt({ message: '请选择项目' })
  @Min(1, { message: '请选择项目' })
  @Max(2_147_483_647, { message: '项目不存在' })
  projectId: number;

  @Transform(trim)
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: '收费项目编码为 1–16 位字母、数字、下划线或短横线' })
  code: string;

  @Transform(trim)
  @IsString({ message: '请填写收费项目名称' })
  @IsNotEmpty({ message: '请填写收费项目名称' })
  @MaxLength(40, { message: '收费项目名称不能超过 40 个字符' })
  name: string;

  @IsIn(Object.values(BillingItemKind), { message: '计费方式不是有效选项' })
  kind: ItemKind;

  @IsOptional()
  @IsIn([...Object.values(HouseType), null], { message: '房屋类型不是有效选项' })
  houseType?: HouseType | null;

  @Transform(trim)
  @IsString({ message: '请填写单价' })
  @Matches(/^\d{1,9}(\.\d{1,2})?$/, { message: '单价应为不小于 0 的金额（元，最多两位小数）' })
  unitPrice: string;

  @Transform(trim)
  @IsString({ message: '请填写计量单位' })
  @IsNotEmpty({ message: '请填写计量单位' })
  @MaxLength(16, { message: '计量单位不能超过 16 个字符' })
  unit: string;

  @IsOptional()
  @IsIn([...Object.values(SharedSplit), null], { message: '分摊方式只能是按面积或按户' })
  sharedSplit?: SharedSplit | null;

  @Matches(PERIOD, { message: '生效月份格式应为 YYYY-MM' })
  effectiveFrom: string;
}

export class RunsQueryDto {
  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  projectId?: number;

  @IsOptional()
  @Matches(PERIOD, { message: '账期格式应为 YYYY-MM' })
  period?: string;
}

export class StartBillRunDto implements IStartBillRunRequest {
  @IsOptional()
  @IsInt({ message: '项目不存在' })
  @Min(1, { message: '项目不存在' })
  @Max(2_147_483_647, { message: '项目不存在' })
  projectId?: number;

  @Matches(PERIOD, { message: '账期格式应为 YYYY-MM' })
  period: string;
}

export class BillListQueryDto extends PageQueryDto implements IBillListQuery {
  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  projectId?: number;

  @IsOptional()
  @Matches(PERIOD, { message: '账期格式应为 YYYY-MM' })
  period?: string;

  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  buildingId?: number;

  @IsOptional()
  @IsIn(Object.values(BillStatus), { message: '账单状态不是有效选项' })
  status?: BillStatus;

  @IsOptional()
  @IsIn(Object.values(BillPayState), { message: '缴费状态不是有效选项' })
  payState?: BillPayState;

  @IsOptional()
  @Transform(trim)
  @IsString({ message: '搜索内容必须是文字' })
  @MaxLength(32, { message: '搜索内容不能超过 32 个字符' })
  q?: string;
}

export class MineQueryDto {
  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  houseId?: number;
}

export class ReasonDto implements IVoidAndReissueRequest {
  @Transform(trim)
  @IsString({ message: '请填写原因' })
  @IsNotEmpty({ message: '请填写原因' })
  @MaxLength(200, { message: '原因不能超过 200 个字符' })
  reason: string;
}

export class AddAdjustmentDto implements IAddAdjustmentRequest {
  @IsInt({ message: '请选择房屋' })
  @Min(1, { message: '请选择房屋' })
  @Max(2_147_483_647, { message: '房屋不存在' })
  houseId: number;

  @Transform(trim)
  @IsString({ message: '请填写调整金额' })
  @Matches(/^-?\d{1,9}(\.\d{1,2})?$/, { message: '调整金额应为金额（元，最多两位小数，可为负数）' })
  amount: string;

  @Transform(trim)
  @IsString({ message: '请填写调整原因' })
  @IsNotEmpty({ message: '请填写调整原因' })
  @MaxLength(200, { message: '调整原因不能超过 200 个字符' })
  reason: string;
}
