import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsPositive,
  IsString,
  Max,
  MaxLength,
  Matches,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  IAssignCustomerManagersRequest,
  ISetHouseBillingStartRequest,
  IUpdateTechnicianRequest,
  LIMITS,
  Role,
  TECHNICIAN_SKILLS,
} from '@app/shared';
import { IsQueryInt, Trim } from '../../../common/decorators';
import { PageQueryDto } from '../../../common/pagination.dto';

export class HouseQueryDto extends PageQueryDto {
  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  buildingId?: number;

  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  unitId?: number;

  @IsOptional()
  @Trim()
  @IsString({ message: 'q 必须是字符串' })
  @MaxLength(32, { message: 'q 过长' })
  q?: string;
}

export class StaffQueryDto {
  @IsOptional()
  @IsIn(Object.values(Role), { message: 'role 不是有效角色' })
  role?: Role;
}

export class ImportQueryDto {
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun 只能是 true 或 false' })
  dryRun?: 'true' | 'false';
}

export class SetHouseBillingStartDto implements ISetHouseBillingStartRequest {
  /** 计费起始日 "YYYY-MM-DD" (e.g. 交房日), or null to bill the house from the start; required (null, not absent, clears it). */
  @ValidateIf((o: SetHouseBillingStartDto) => o.billingStartDate !== null)
  @IsString({ message: '计费起始日须为日期文本（YYYY-MM-DD）' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '计费起始日须为有效日期（YYYY-MM-DD）' })
  billingStartDate: string | null;
}

export class AssignCustomerManagersDto implements IAssignCustomerManagersRequest {
  @IsArray({ message: 'userIds 必须是数组' })
  @ArrayMaxSize(10, { message: 'userIds 最多 10 人' })
  @IsInt({ each: true, message: 'userIds 必须是整数 ID' })
  @IsPositive({ each: true, message: 'userIds 必须是正整数' })
  @Max(LIMITS.entityId, { each: true, message: 'userIds 不是有效 ID' })
  userIds: number[];
}

export class UpdateTechnicianDto implements IUpdateTechnicianRequest {
  @IsOptional()
  @IsArray({ message: 'skills 必须是数组' })
  @ArrayMaxSize(20, { message: 'skills 最多 20 项' })
  @IsIn(TECHNICIAN_SKILLS as unknown as string[], { each: true, message: 'skills 含未知技能' })
  skills?: string[];

  @IsOptional()
  @IsArray({ message: 'buildingIds 必须是数组' })
  @ArrayMaxSize(500, { message: 'buildingIds 过多' })
  @IsInt({ each: true, message: 'buildingIds 必须是整数 ID' })
  @Min(1, { each: true, message: 'buildingIds 必须是正整数' })
  @Max(LIMITS.entityId, { each: true, message: 'buildingIds 不是有效 ID' })
  buildingIds?: number[];

  @IsOptional()
  @IsBoolean({ message: 'onDuty 必须是布尔值' })
  onDuty?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'maxOpenJobs 必须是整数' })
  @Min(0, { message: 'maxOpenJobs 不能小于 0' })
  @Max(50, { message: 'maxOpenJobs 不能大于 50' })
  maxOpenJobs?: number;
}
