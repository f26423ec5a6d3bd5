import { IsQueryInt } from '../../../common/decorators';
import { PageQueryDto } from '../../../common/pagination.dto';

/** A project's work list, one page at a time (dispatch queue, escalations, rectification tasks). */
export class ProjectPageQueryDto extends PageQueryDto {
  @IsQueryInt(1, 2_147_483_647) projectId: number;
}

export class ProjectQueryDto {
  @IsQueryInt(1, 2_147_483_647) projectId: number;
}
