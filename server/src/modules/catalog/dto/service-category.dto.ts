import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
} from 'class-validator';
import { IUpsertServiceCategoryRequest, TECHNICIAN_SKILLS } from '@app/shared';
import { IsEntityId, IsQueryInt } from '../../../common/decorators';
import { PageQueryDto } from '../../../common/pagination.dto';

/** Same shape as a fee schedule category code (tickets.category is 32 wide, schedule codes 16). */
export const SERVICE_CATEGORY_CODE = /^[A-Z0-9][A-Z0-9-]{0,15}$/;

export class ServiceCategoryQueryDto extends PageQueryDto {
  /** Editors list their company's rules; any staff of a project reads its company's labels. */
  @IsOptional() @IsQueryInt(1, 2_147_483_647) companyId?: number;
  @IsOptional() @IsQueryInt(1, 2_147_483_647) projectId?: number;
}

export class UpsertServiceCategoryDto implements IUpsertServiceCategoryRequest {
  @IsEntityId()
  companyId: number;

  @IsString({ message: 'name 必须是字符串' })
  @Matches(/\S/, { message: '请填写类别名称（name）' })
  @MaxLength(50, { message: '类别名称（name）不能超过 50 个字符' })
  name: string;

  @IsArray({ message: 'skills 必须是技能列表' })
  @ArrayMaxSize(TECHNICIAN_SKILLS.length, { message: `技能（skills）最多 ${TECHNICIAN_SKILLS.length} 项` })
  @IsIn(TECHNICIAN_SKILLS as unknown as string[], {
    each: true,
    message: `技能（skills）只能是：${TECHNICIAN_SKILLS.join('、')}`,
  })
  skills: string[];

  @IsBoolean({ message: 'openToAll 必须是 true 或 false' })
  openToAll: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '排序（sortOrder）必须是整数' })
  @Min(0, { message: '排序（sortOrder）不能小于 0' })
  @Max(9999, { message: '排序（sortOrder）不能大于 9999' })
  sortOrder?: number;
}
