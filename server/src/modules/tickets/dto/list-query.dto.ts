import { IsIn, IsOptional } from 'class-validator';
import { ResidentTicketFilter } from '@app/shared';
import { IsQueryInt } from '../../../common/decorators';
import { PageQueryDto } from '../../../common/pagination.dto';
import { TicketListQueryDto } from './ticket.dto';

/** A project's work list, one page at a time (dispatch queue, escalations, rectification tasks). */
export class ProjectPageQueryDto extends PageQueryDto {
  @IsQueryInt(1, 2_147_483_647) projectId: number;
}

export class ProjectQueryDto {
  @IsQueryInt(1, 2_147_483_647) projectId: number;
}

/** The resident's own list: 进行中 / 待我处理 / 已完成. */
export class MyTicketsQueryDto extends TicketListQueryDto {
  @IsOptional()
  @IsIn(Object.values(ResidentTicketFilter), { message: 'filter（筛选）只能是 active、todo 或 finished' })
  filter?: ResidentTicketFilter;
}
