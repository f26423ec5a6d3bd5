import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, Max, MaxLength, Min } from 'class-validator';
import {
  LIMITS,
  AnnouncementStatus,
  AnnouncementTemplate,
  type IAnnouncementActionRequest,
  type IAnnouncementListQuery,
  type ICreateAnnouncementRequest,
} from '@app/shared';
import { IsEntityId, IsNonBlank, IsQueryInt } from '../../common/decorators';
import { PageQueryDto } from '../../common/pagination.dto';

export class CreateAnnouncementDto implements ICreateAnnouncementRequest {
  @IsEntityId() projectId: number;

  @IsIn(Object.values(AnnouncementTemplate), { message: '公告模板不是有效选项' })
  template: AnnouncementTemplate;

  @IsNonBlank()
  @MaxLength(60, { message: '公告标题不能超过 60 个字' })
  title: string;

  @IsNonBlank()
  @MaxLength(1000, { message: '公告内容不能超过 1000 个字' })
  body: string;

  @IsOptional()
  @IsArray({ message: '楼栋须为列表' })
  @ArrayMaxSize(500, { message: '楼栋最多选择 500 个' })
  @IsInt({ each: true, message: '楼栋须为整数 ID' })
  @Min(1, { each: true, message: '楼栋须为正整数 ID' })
  @Max(LIMITS.entityId, { each: true, message: `楼栋 ID 不能大于 ${LIMITS.entityId}` })
  buildingIds?: number[];

  @IsISO8601({ strict: true }, { message: '开始时间须为 ISO 时间' }) startsAt: string;
  @IsISO8601({ strict: true }, { message: '结束时间须为 ISO 时间' }) endsAt: string;
}

export class AnnouncementActionDto implements IAnnouncementActionRequest {
  @IsInt({ message: '版本号须为整数' })
  @Min(0, { message: '版本号不能小于 0' })
  @Max(LIMITS.entityId, { message: `版本号不能大于 ${LIMITS.entityId}` })
  version: number;
}

export class AnnouncementListQueryDto extends PageQueryDto implements IAnnouncementListQuery {
  @IsQueryInt(1, 2_147_483_647) projectId: number;

  @IsOptional()
  @IsIn(Object.values(AnnouncementStatus), { message: '状态不是有效选项' })
  status?: AnnouncementStatus;
}
