import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Permission, type IInboxMessage, type IPage, type IRectificationTask } from '@app/shared';
import { Allow, CurrentUser, Trim } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { PageQueryDto } from '../../common/pagination.dto';
import { ProjectPageQueryDto } from './dto/list-query.dto';
import { InboxService } from './inbox.service';
import { TicketStaffService } from './ticket-staff.service';

export class InboxQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(['true', 'false'], { message: 'unread 只能是 true 或 false' }) unread?: 'true' | 'false';
}

export class ResolveDto {
  @Trim() @IsString({ message: 'note 必须是字符串' }) @IsNotEmpty({ message: '请填写整改结果' }) @MaxLength(500, { message: '整改结果不能超过 500 字' })
  note: string;
}

@ApiTags('inbox')
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  list(@CurrentUser() me: Principal, @Query() query: InboxQueryDto): Promise<IPage<IInboxMessage>> {
    return this.inbox.list(me.userId, query.unread === 'true', query);
  }

  @Post(':id/read')
  @HttpCode(204)
  read(@CurrentUser() me: Principal, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.inbox.markRead(me.userId, id);
  }
}

@ApiTags('tickets')
@Controller('rectifications')
@Allow(Permission.TicketEscalation)
export class RectificationsController {
  constructor(private readonly staff: TicketStaffService) {}

  @Get()
  list(@CurrentUser() me: Principal, @Query() query: ProjectPageQueryDto): Promise<IPage<IRectificationTask>> {
    return this.staff.rectifications(me, query);
  }

  @Post(':id/resolve')
  @HttpCode(204)
  resolve(@CurrentUser() me: Principal, @Param('id', ParseIdPipe) id: number, @Body() body: ResolveDto): Promise<void> {
    return this.staff.resolveRectification(me, id, body.note);
  }
}
