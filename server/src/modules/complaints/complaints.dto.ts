import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type {
  ComplaintCategory,
  ComplaintCause,
  ComplaintChannel,
  ComplaintStatus,
  IAssignInvestigatorRequest,
  IComplaintListQuery,
  IComplaintNoteRequest,
  IComplaintPolicyRequest,
  ICreateComplaintRequest,
  IDisputeComplaintRequest,
  IResolveComplaintRequest,
} from '@app/shared';
import { COMPLAINT_CATEGORIES, COMPLAINT_CAUSES, COMPLAINT_STATUS_LABELS } from '@app/shared';
import { IsEntityId, IsNonBlank, IsQueryInt, Trim } from '../../common/decorators';
import { PageQueryDto } from '../../common/pagination.dto';

const CATEGORIES = Object.keys(COMPLAINT_CATEGORIES);
const CAUSES = Object.keys(COMPLAINT_CAUSES);
const CHANNELS: ComplaintChannel[] = ['mini_program', 'phone', 'walk_in', 'return_visit'];

function photoIds(): PropertyDecorator {
  const decorators = [
    IsOptional(),
    IsArray({ message: '照片（mediaIds）必须是数组' }),
    ArrayMaxSize(9, { message: '照片最多 9 张' }),
    IsInt({ each: true, message: '照片 ID 必须是整数' }),
    Min(1, { each: true, message: '照片 ID 必须是正整数' }),
    Max(2_147_483_647, { each: true, message: '照片 ID 超出范围' }),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
}

function version(): PropertyDecorator {
  const decorators = [
    IsOptional(),
    IsInt({ message: '版本号（version）必须是整数' }),
    Min(0, { message: '版本号（version）不能为负数' }),
    Max(2_147_483_647, { message: '版本号（version）超出范围' }),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
}

export class CreateComplaintDto implements ICreateComplaintRequest {
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsEntityId() houseId?: number | null;
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsEntityId() projectId?: number | null;
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsEntityId() ticketId?: number | null;
  @IsIn(CATEGORIES, { message: `投诉类别只能是：${CATEGORIES.join('、')}` }) category: ComplaintCategory;
  @IsNonBlank() @MaxLength(1000, { message: '投诉内容不能超过 1000 字' }) description: string;
  @photoIds() mediaIds?: number[];
  @IsOptional() @IsIn(CHANNELS, { message: `来源只能是：${CHANNELS.join('、')}` }) channel?: ComplaintChannel;
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Trim()
  @IsString({ message: '联系人必须是字符串' })
  @MaxLength(32, { message: '联系人不能超过 32 字' })
  contactName?: string | null;

  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^1[3-9]\d{9}$/, { message: '联系电话须为 11 位手机号' })
  contactPhone?: string | null;
}

export class AssignInvestigatorDto implements IAssignInvestigatorRequest {
  @IsEntityId() investigatorId: number;
  @version() version?: number;
}

export class ComplaintNoteDto implements IComplaintNoteRequest {
  @IsNonBlank() @MaxLength(1000, { message: '记录内容不能超过 1000 字' }) note: string;
  @photoIds() mediaIds?: number[];
  @version() version?: number;
}

export class ResolveComplaintDto implements IResolveComplaintRequest {
  @IsNonBlank() @MaxLength(1000, { message: '处理结果不能超过 1000 字' }) resolution: string;
  @IsIn(CAUSES, { message: `原因只能是：${CAUSES.join('、')}` }) cause: ComplaintCause;
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsEntityId() responsibleUserId?: number | null;
  @version() version?: number;
}

export class DisputeComplaintDto implements IDisputeComplaintRequest {
  @IsNonBlank() @MaxLength(500, { message: '异议理由不能超过 500 字' }) reason: string;
}

export class ComplaintListQueryDto extends PageQueryDto implements IComplaintListQuery {
  @IsQueryInt(1, 2_147_483_647) projectId: number;
  @IsOptional()
  @IsIn(Object.keys(COMPLAINT_STATUS_LABELS), { message: '状态只能是 open、contacted、resolved、disputed 或 closed' })
  status?: ComplaintStatus;
  @IsOptional() @IsIn(['true', 'false'], { message: 'overdue（超时）只能是 true 或 false' }) overdue?: 'true' | 'false';
}

export class ComplaintPolicyDto implements IComplaintPolicyRequest {
  @IsInt({ message: '联系时限必须是整数分钟' })
  @Min(5, { message: '联系时限至少 5 分钟' })
  @Max(10_080, { message: '联系时限最多 10080 分钟' })
  contactMinutes: number;

  @IsInt({ message: '处理时限必须是整数分钟' })
  @Min(30, { message: '处理时限至少 30 分钟' })
  @Max(43_200, { message: '处理时限最多 43200 分钟' })
  resolveMinutes: number;
}

export class ProjectIdQueryDto {
  @IsQueryInt(1, 2_147_483_647) projectId: number;
}
