import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Trim, Allow } from '../../common/decorators';
import { Permission, type IPage, type IRectificationTask } from '@app/shared';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { ProjectPageQueryDto } from './dto/list-query.dto';
import { TicketStaffService } from './ticket-staff.service';

export class ResolveDto {
  @Trim()
  @IsString({ message: 'note 必须是字符串' })
  @IsNotEmpty({ message: '请填写整改结果' })
  @MaxLength(500, { message: '整改结果不能超过 500 字' })
  note: string;
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
