import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { IInboxMessage, IInboxUnread, IPage } from '@app/shared';
import { CurrentUser } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { PageQueryDto } from '../../common/pagination.dto';
import { InboxService } from './inbox.service';

export class InboxQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(['true', 'false'], { message: 'unread 只能是 true 或 false' }) unread?: 'true' | 'false';
}

@ApiTags('inbox')
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  list(@CurrentUser() me: Principal, @Query() query: InboxQueryDto): Promise<IPage<IInboxMessage>> {
    return this.inbox.list(me.userId, query.unread === 'true', query);
  }

  @Get('unread-count')
  async unread(@CurrentUser() me: Principal): Promise<IInboxUnread> {
    return { unread: await this.inbox.unreadCount(me.userId) };
  }

  @Post('read-all')
  @HttpCode(204)
  readAll(@CurrentUser() me: Principal): Promise<void> {
    return this.inbox.markAllRead(me.userId);
  }

  @Post(':id/read')
  @HttpCode(204)
  read(@CurrentUser() me: Principal, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.inbox.markRead(me.userId, id);
  }
}
