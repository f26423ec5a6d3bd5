import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { IMergeCandidatesQuery, IMergeTicketRequest } from '@app/shared';
import { IsEntityId, Trim } from '../../../common/decorators';

export class MergeTicketDto implements IMergeTicketRequest {
  /** The ticket the duplicate is merged into (same house, or the same project's public area). */
  @IsEntityId() targetId: number;

  @IsOptional()
  @Trim()
  @IsString({ message: '合并说明必须是字符串' })
  @MaxLength(200, { message: '合并说明不能超过 200 字' })
  reason?: string;
}

export class MergeCandidatesQueryDto implements IMergeCandidatesQuery {
  @IsOptional()
  @Trim()
  @IsString({ message: '工单号必须是字符串' })
  @MaxLength(40, { message: '工单号不能超过 40 个字符' })
  serial?: string;
}
