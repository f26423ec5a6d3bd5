import { IArrearsQuery, ISendRemindersRequest, ReminderChannel } from '@app/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsEntityId, IsQueryInt } from '../../../../common/decorators';
import { PageQueryDto } from '../../../../common/pagination.dto';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const ID_MAX = 2_147_483_647;

export class ProjectPeriodQueryDto {
  @IsQueryInt(1, ID_MAX)
  projectId: number;

  @IsString({ message: '$property 必须是字符串' })
  @Matches(PERIOD, { message: '账期格式应为 YYYY-MM，例如 2026-11' })
  period: string;
}

export class ArrearsQueryDto extends PageQueryDto implements IArrearsQuery {
  @IsQueryInt(1, ID_MAX)
  projectId: number;

  @IsOptional()
  @IsQueryInt(1, ID_MAX)
  buildingId?: number;

  @IsOptional()
  @IsQueryInt(1, ID_MAX)
  unitId?: number;

  @IsOptional()
  @IsQueryInt(0, 1200)
  minAgeMonths?: number;
}

export class ReminderListQueryDto extends PageQueryDto {
  @IsQueryInt(1, ID_MAX)
  projectId: number;

  @IsOptional()
  @IsQueryInt(1, ID_MAX)
  houseId?: number;
}

export class ReminderNoticeQueryDto {
  @IsQueryInt(1, ID_MAX)
  projectId: number;

  /** Comma-separated house ids, e.g. "12,15,20". */
  @IsString({ message: '$property 必须是字符串' })
  @Matches(/^\d{1,10}(,\d{1,10}){0,199}$/, { message: '房屋须为以英文逗号分隔的 ID（最多 200 户），例如 12,15,20' })
  houseIds: string;
}

export class SendRemindersDto implements ISendRemindersRequest {
  @IsEntityId()
  projectId: number;

  @IsArray({ message: '$property 必须是数组' })
  @ArrayMinSize(1, { message: '请至少选择一户' })
  @ArrayMaxSize(200, { message: '一次最多选择 200 户' })
  @ArrayUnique({ message: '房屋不能重复' })
  @IsInt({ each: true, message: '房屋必须是整数 ID' })
  @Min(1, { each: true, message: '房屋必须是正整数 ID' })
  @Max(ID_MAX, { each: true, message: '房屋不是有效 ID' })
  houseIds: number[];

  @IsIn(Object.values(ReminderChannel), { message: '催缴方式只能是 in_app（站内消息）或 notice（催缴通知单）' })
  channel: ReminderChannel;
}
