import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainException } from '../../common/domain.exception';
import { ApiTags } from '@nestjs/swagger';
import type { IPage, ITicket, ITicketEvent } from '@app/shared';
import { Permission } from '@app/shared';
import { ApiBinaryResponse } from '../../common/api-docs';
import { Allow, CurrentUser } from '../../common/decorators';
import { PageQueryDto } from '../../common/pagination.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { MyTicketsQueryDto, ProjectPageQueryDto } from './dto/list-query.dto';
import type { Principal } from '../../common/principal';
import {
  AcceptJobDto,
  CheckInDto,
  CompleteDto,
  CreateTicketDto,
  DamageDto,
  DeclineQuoteDto,
  ReasonDto,
  ReplyDto,
  ReturnVisitDto,
  SignatureDto,
  TicketListQueryDto,
  TicketQuoteDto,
  VerifyDto,
} from './dto/ticket.dto';
import { TicketFormService } from './form/ticket-form.service';
import { TicketSigningService } from './ticket-signing.service';
import { TicketStaffService } from './ticket-staff.service';
import { TicketWorkService } from './ticket-work.service';
import { TicketsService } from './tickets.service';
import { TicketLists } from './ticket-lists.service';

type Me = Principal;

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly lists: TicketLists,
    private readonly staff: TicketStaffService,
    private readonly signing: TicketSigningService,
    private readonly form: TicketFormService,
  ) {}

  @Post()
  create(
    @CurrentUser() me: Me,
    @Body() body: CreateTicketDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<ITicket> {
    if (key !== undefined && !/^[A-Za-z0-9._:-]{8,64}$/.test(key)) {
      throw DomainException.validation('Idempotency-Key', 'Idempotency-Key 须为 8–64 位字母、数字或 ._:-');
    }
    return this.tickets.create(me, body, key ?? null);
  }

  @Get('mine')
  mine(@CurrentUser() me: Me, @Query() query: MyTicketsQueryDto): Promise<IPage<ITicket>> {
    return this.lists.mine(me, query);
  }

  @Get()
  @Allow(Permission.TicketView)
  list(@CurrentUser() me: Me, @Query() query: TicketListQueryDto): Promise<IPage<ITicket>> {
    return this.lists.forProject(me, query);
  }

  @Get('dispatch-queue')
  @Allow(Permission.TicketDispatch)
  dispatchQueue(@CurrentUser() me: Me, @Query() query: ProjectPageQueryDto): Promise<IPage<ITicket>> {
    return this.lists.dispatchQueue(me, query);
  }

  @Get('escalated')
  @Allow(Permission.TicketEscalation)
  escalated(@CurrentUser() me: Me, @Query() query: ProjectPageQueryDto): Promise<IPage<ITicket>> {
    return this.lists.escalated(me, query);
  }

  @Get(':id')
  detail(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number): Promise<ITicket> {
    return this.tickets.detail(me, id);
  }

  @Get(':id/timeline')
  timeline(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number): Promise<ITicketEvent[]> {
    return this.tickets.timeline(me, id);
  }

  /** 客户需求处理单 (PDF): staff with ticket.view on the project, or the ticket's resident; others 404. */
  @Get(':id/form.pdf')
  @ApiBinaryResponse('客户需求处理单 PDF（内嵌中文字体，含客户签字图片）；服务器无中文字体时 503', 'application/pdf')
  async formPdf(
    @CurrentUser() me: Me,
    @Param('id', ParseIdPipe) id: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.form.pdf(me, id);
    await reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Length', String(file.body.length))
      .header('Cache-Control', 'private, no-store')
      .header(
        'Content-Disposition',
        `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(`客户需求处理单-${file.filename}`)}`,
      )
      .send(file.body);
  }

  // Resident (or the resident signing on the technician's phone)
  @Post(':id/agree')
  @HttpCode(200)
  agree(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: SignatureDto): Promise<ITicket> {
    return this.signing.agree(me, id, body);
  }

  @Post(':id/decline-quote')
  @HttpCode(200)
  declineQuote(
    @CurrentUser() me: Me,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: DeclineQuoteDto,
  ): Promise<ITicket> {
    return this.signing.declineQuote(me, id, body);
  }

  @Post(':id/verify')
  @HttpCode(200)
  verify(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: VerifyDto): Promise<ITicket> {
    return this.signing.verify(me, id, body);
  }

  @Post(':id/rework')
  @HttpCode(200)
  rework(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: ReasonDto): Promise<ITicket> {
    return this.staff.rework(me, id, body.reason);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: ReasonDto): Promise<ITicket> {
    return this.staff.cancel(me, id, body.reason);
  }

  // Staff (registration is the dispatch module's: it hands the ticket to the pool or a technician)
  @Post(':id/hold')
  @HttpCode(200)
  @Allow(Permission.TicketHandle)
  hold(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: ReasonDto): Promise<ITicket> {
    return this.staff.hold(me, id, body.reason);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Allow(Permission.TicketHandle)
  resume(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number): Promise<ITicket> {
    return this.staff.resume(me, id);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @Allow(Permission.TicketIntake)
  reply(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: ReplyDto): Promise<ITicket> {
    return this.staff.reply(me, id, body.reply);
  }

  @Post(':id/return-visit')
  @HttpCode(200)
  @Allow(Permission.TicketIntake)
  returnVisit(
    @CurrentUser() me: Me,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ReturnVisitDto,
  ): Promise<ITicket> {
    return this.staff.returnVisit(me, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Allow(Permission.TicketClose)
  close(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number): Promise<ITicket> {
    return this.staff.close(me, id);
  }

  @Post(':id/damage')
  @HttpCode(200)
  @Allow(Permission.TicketEscalation)
  damage(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: DamageDto): Promise<ITicket> {
    return this.staff.damage(me, id, body);
  }
}

@ApiTags('tickets: dispatch and technician work')
@Controller('tickets')
export class TicketWorkController {
  constructor(
    private readonly lists: TicketLists,
    private readonly work: TicketWorkService,
  ) {}

  @Get('jobs/mine')
  @Allow(Permission.JobWork)
  jobs(@CurrentUser() me: Me, @Query() query: TicketListQueryDto): Promise<IPage<ITicket>> {
    return this.lists.jobs(me, query);
  }

  @Get('jobs/pool')
  @Allow(Permission.JobWork)
  pool(@CurrentUser() me: Me, @Query() query: PageQueryDto): Promise<IPage<ITicket>> {
    return this.lists.pool(me, query);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Allow(Permission.JobWork)
  accept(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: AcceptJobDto): Promise<ITicket> {
    return this.work.accept(me, id, body);
  }

  @Post(':id/check-in')
  @HttpCode(200)
  @Allow(Permission.JobWork)
  checkIn(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: CheckInDto): Promise<ITicket> {
    return this.work.checkIn(me, id, body);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Allow(Permission.JobWork)
  start(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number): Promise<ITicket> {
    return this.work.start(me, id);
  }

  @Post(':id/quote')
  @HttpCode(200)
  @Allow(Permission.JobWork)
  quote(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: TicketQuoteDto): Promise<ITicket> {
    return this.work.quote(me, id, body, 'quote');
  }

  @Post(':id/requote')
  @HttpCode(200)
  @Allow(Permission.JobWork)
  requote(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: TicketQuoteDto): Promise<ITicket> {
    return this.work.quote(me, id, body, 'requote');
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Allow(Permission.JobWork)
  complete(@CurrentUser() me: Me, @Param('id', ParseIdPipe) id: number, @Body() body: CompleteDto): Promise<ITicket> {
    return this.work.complete(me, id, body);
  }
}
