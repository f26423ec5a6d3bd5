import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  ICreateBuildingRequest,
  ICreateProjectRequest,
  ICreateRegionRequest,
  ICreateStaffRequest,
  IGrantRoleRequest,
  IAuditQuery,
  IRenameRequest,
  ISetStaffStatusRequest,
  IStaffQuery,
  IUpdateProjectRequest,
  IUpsertDepartmentRequest,
  Role,
  STAFF_ROLES,
  ScopeType,
  StaffStatus,
} from '@app/shared';
import { IsEntityId, IsNonBlank, IsQueryInt, Trim } from '../../../common/decorators';
import { PageQueryDto } from '../../../common/pagination.dto';

export class StaffListQueryDto extends PageQueryDto implements IStaffQuery {
  @IsOptional()
  @Trim()
  @IsString({ message: 'q 必须是字符串' })
  @MaxLength(32, { message: 'q 过长' })
  q?: string;

  @IsOptional()
  @IsIn(['active', 'disabled'], { message: 'status 只能是 active 或 disabled' })
  status?: StaffStatus;
}

export class CreateStaffDto implements ICreateStaffRequest {
  @IsNonBlank()
  @MaxLength(64, { message: '姓名不能超过 64 个字' })
  name: string;

  @Trim()
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, { message: '用户名须以字母开头，3–32 位字母、数字、下划线、点或短横线' })
  username: string;

  @IsOptional()
  @Trim()
  @Matches(/^1\d{10}$/, { message: '手机号须为 11 位数字' })
  phone?: string;
}

export class SetStaffStatusDto implements ISetStaffStatusRequest {
  @IsIn(['active', 'disabled'], { message: 'status 只能是 active 或 disabled' })
  status: StaffStatus;
}

export class GrantRoleDto implements IGrantRoleRequest {
  @IsIn(STAFF_ROLES as unknown as string[], { message: 'role 不是有效的员工角色' })
  role: Role;

  @IsIn(Object.values(ScopeType), { message: 'scopeType 只能是 project、region 或 company' })
  scopeType: ScopeType;

  @IsEntityId()
  scopeId: number;
}

export class CreateRegionDto implements ICreateRegionRequest {
  @Trim()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, { message: '区域编码为字母、数字或短横线，最多 32 位' })
  code: string;

  @IsNonBlank()
  @MaxLength(100, { message: '区域名称不能超过 100 个字' })
  name: string;
}

export class RenameDto implements IRenameRequest {
  @IsNonBlank()
  @MaxLength(32, { message: '名称不能超过 32 个字' })
  name: string;
}

export class RenameLongDto implements IRenameRequest {
  @IsNonBlank()
  @MaxLength(100, { message: '名称不能超过 100 个字' })
  name: string;
}

export class CreateProjectDto implements ICreateProjectRequest {
  @IsEntityId()
  regionId: number;

  /** Printed in every ticket serial (<code>-<yyMMdd>-<seq>), so short and plain. */
  @Trim()
  @Matches(/^[A-Z0-9]{2,16}$/, { message: '项目编码为 2–16 位大写字母或数字（用于工单编号）' })
  code: string;

  @IsNonBlank()
  @MaxLength(100, { message: '项目名称不能超过 100 个字' })
  name: string;

  @IsOptional()
  @Trim()
  @IsString({ message: 'address 必须是字符串' })
  @MaxLength(200, { message: '地址不能超过 200 个字' })
  address?: string;
}

export class UpdateProjectDto implements IUpdateProjectRequest {
  @IsOptional()
  @IsNonBlank()
  @MaxLength(100, { message: '项目名称不能超过 100 个字' })
  name?: string;

  @IsOptional()
  @Trim()
  @IsString({ message: 'address 必须是字符串' })
  @MaxLength(200, { message: '地址不能超过 200 个字' })
  address?: string;
}

export class CreateBuildingDto implements ICreateBuildingRequest {
  @IsNonBlank()
  @MaxLength(32, { message: '楼栋名称不能超过 32 个字' })
  name: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'sortOrder 必须是整数' })
  @Min(0, { message: 'sortOrder 不能小于 0' })
  @Max(9999, { message: 'sortOrder 不能大于 9999' })
  sortOrder?: number;
}

export class UpsertDepartmentDto implements IUpsertDepartmentRequest {
  @IsNonBlank()
  @MaxLength(32, { message: '部门名称不能超过 32 个字' })
  name: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEntityId()
  supervisorUserId?: number | null;
}

export class AuditQueryDto extends PageQueryDto implements IAuditQuery {
  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  actorId?: number;

  @IsOptional()
  @Trim()
  @Matches(/^[a-z_]{1,32}$/, { message: 'entityType 为小写字母或下划线' })
  entityType?: string;

  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  entityId?: number;

  @IsOptional()
  @Trim()
  @Matches(/^[a-z_.]{1,48}$/, { message: 'action 为小写字母、下划线或点' })
  action?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from 须为 ISO 8601 时间' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to 须为 ISO 8601 时间' })
  to?: string;
}
