import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { IMergeCandidate, IMergedTicket, ITicket } from '@app/shared';
import { Permission } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { MergeCandidatesQueryDto, MergeTicketDto } from './dto/ticket-merge.dto';
import { TicketMerges } from './ticket-merges.service';

/** 合并重复报修 (docs/domain.md): the ticket in the path is the duplicate. */
@ApiTags('tickets')
@Controller('tickets')
export class TicketMergesController {
  constructor(private readonly merges: TicketMerges) {}

  /**
   * Merge this duplicate report into `targetId` (same house, or the same project's public area; the duplicate
   * not yet worked on). The duplicate is cancelled with `mergedInto` set and its resident follows the target.
   */
  @Post(':id/merge')
  @HttpCode(200)
  @Allow(Permission.TicketHandle)
  merge(
    @CurrentUser() me: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: MergeTicketDto,
  ): Promise<ITicket> {
    return this.merges.merge(me, id, body);
  }

  /** Open tickets this duplicate may be merged into, filtered by part of their serial (at most 20, newest first). */
  @Get(':id/merge-candidates')
  @Allow(Permission.TicketHandle)
  candidates(
    @CurrentUser() me: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: MergeCandidatesQueryDto,
  ): Promise<IMergeCandidate[]> {
    return this.merges.candidates(me, id, query);
  }

  /** The duplicate reports merged into this ticket, and whether each one's resident follows it. */
  @Get(':id/merged')
  @Allow(Permission.TicketView)
  merged(@CurrentUser() me: Principal, @Param('id', ParseIdPipe) id: number): Promise<IMergedTicket[]> {
    return this.merges.merged(me, id);
  }
}
