import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PREPAY_OFFER_LIMITS, type IUpsertPrepayOfferRequest } from '@app/shared';
import { IsQueryInt } from '../../common/decorators';
import { PageQueryDto } from '../../common/pagination.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class HouseQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  houseId: number;
}

export class HouseLedgerQueryDto extends PageQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  houseId: number;
}

export class ProjectQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;
}

export class UpsertPrepayOfferDto implements IUpsertPrepayOfferRequest {
  @IsOptional()
  @IsInt({ message: '优惠编号必须是整数' })
  @Min(1, { message: '优惠编号必须是正整数' })
  @Max(2_147_483_647, { message: '预存优惠不存在' })
  id?: number;

  @IsInt({ message: '请选择项目' })
  @Min(1, { message: '请选择项目' })
  @Max(2_147_483_647, { message: '项目不存在' })
  projectId: number;

  @Transform(trim)
  @IsString({ message: '请填写优惠名称' })
  @IsNotEmpty({ message: '请填写优惠名称' })
  @MaxLength(40, { message: '优惠名称不能超过 40 个字符' })
  name: string;

  @IsInt({ message: '预存月数必须是整数' })
  @Min(1, { message: '预存月数至少 1 个月' })
  @Max(PREPAY_OFFER_LIMITS.maxPayMonths, { message: `预存月数不能超过 ${PREPAY_OFFER_LIMITS.maxPayMonths} 个月` })
  payMonths: number;

  @IsInt({ message: '赠送月数必须是整数' })
  @Min(0, { message: '赠送月数不能为负数' })
  @Max(PREPAY_OFFER_LIMITS.maxFreeMonths, { message: `赠送月数不能超过 ${PREPAY_OFFER_LIMITS.maxFreeMonths} 个月` })
  freeMonths: number;

  @Matches(DAY, { message: '开始日期格式应为 YYYY-MM-DD' })
  validFrom: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(DAY, { message: '结束日期格式应为 YYYY-MM-DD' })
  validTo?: string | null;

  @IsBoolean({ message: '是否启用只能是 true 或 false' })
  active: boolean;
}
