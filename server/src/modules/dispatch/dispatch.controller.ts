import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ITicket } from '@app/shared';
import { Permission } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { DispatchDto, ReasonDto, RegisterDto, TransferDto } from '../tickets/dto/ticket.dto';
import { DispatchService } from './dispatch.service';

type Me = Principal;

/** Registration hands the ticket to dispatch (pool, auto or a supervisor's assignment). */
@ApiTags('tickets')
@Controller('tickets')
export class RegistrationController {
  constructor(private readonly dispatch: DispatchService) {}

  @Post(':id/register')
  @HttpCode(200)
  @Allow(Permission.TicketIntake)
  register(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: RegisterDto): Promise<ITicket> {
    return this.dispatch.register(me, id, body);
  }
}

@ApiTags('tickets: dispatch and technician work')
@Controller('tickets')
export class DispatchController {
  constructor(private readonly dispatch: DispatchService) {}

  @Post(':id/dispatch')
  @HttpCode(200)
  @Allow(Permission.TicketDispatch)
  dispatchTo(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: DispatchDto): Promise<ITicket> {
    return this.dispatch.dispatch(me, id, body.technicianId, { override: body.override, reason: body.overrideReason });
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Allow(Permission.TicketTransfer)
  transfer(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: TransferDto): Promise<ITicket> {
    return this.dispatch.transfer(me, id, body.technicianId, body.reason, {
      override: body.override,
      reason: body.overrideReason,
    });
  }

  @Post(':id/grab')
  @HttpCode(200)
  @Allow(Permission.JobWork)
  grab(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number): Promise<ITicket> {
    return this.dispatch.grab(me, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Allow(Permission.JobWork)
  decline(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: ReasonDto): Promise<ITicket> {
    return this.dispatch.decline(me, id, body.reason);
  }
}
