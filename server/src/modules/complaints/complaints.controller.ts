import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { IComplaint, IComplaintDetail, IComplaintPolicy, IPage, ITicketUrge } from '@app/shared';
import { Permission } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import { PageQueryDto } from '../../common/pagination.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { AccessService } from '../identity/access.service';
import { ComplaintActions } from './complaint-actions.service';
import { ComplaintPolicies } from './complaint-policies.service';
import {
  AssignInvestigatorDto,
  ComplaintListQueryDto,
  ComplaintNoteDto,
  ComplaintPolicyDto,
  CreateComplaintDto,
  DisputeComplaintDto,
  ProjectIdQueryDto,
  ResolveComplaintDto,
} from './complaints.dto';
import { ComplaintsService } from './complaints.service';
import { TicketUrges } from './ticket-urges.service';

/** 投诉 (docs/complaints.md): residents file and answer their own; staff of the project investigate. */
@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly actions: ComplaintActions,
  ) {}

  @Post()
  create(@CurrentUser() me: Principal, @Body() body: CreateComplaintDto): Promise<IComplaintDetail> {
    return this.complaints.create(me, body);
  }

  @Get('mine')
  mine(@CurrentUser() me: Principal, @Query() query: PageQueryDto): Promise<IPage<IComplaint>> {
    return this.complaints.mine(me, query);
  }

  @Get()
  @Allow(Permission.ComplaintView)
  list(@CurrentUser() me: Principal, @Query() query: ComplaintListQueryDto): Promise<IPage<IComplaint>> {
    return this.complaints.list(me, query);
  }

  @Get(':id')
  one(@CurrentUser() me: Principal, @Param('id', ParseIdPipe) id: number): Promise<IComplaintDetail> {
    return this.complaints.detail(me, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Allow(Permission.ComplaintHandle)
  assign(
    @CurrentUser() me: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: AssignInvestigatorDto,
  ): Promise<IComplaintDetail> {
    return this.actions.assign(me, id, body);
  }

  @Post(':id/contact')
  @HttpCode(200)
  @Allow(Permission.ComplaintView)
  contact(
    @CurrentUser() me: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ComplaintNoteDto,
  ): Promise<IComplaintDetail> {
    return this.actions.contact(me, id, body);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @Allow(Permission.ComplaintView)
  note(
    @CurrentUser() me: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ComplaintNoteDto,
  ): Promise<IComplaintDetail> {
    return this.actions.note(me, id, body);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Allow(Permission.ComplaintView)
  resolve(
    @CurrentUser() me: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ResolveComplaintDto,
  ): Promise<IComplaintDetail> {
    return this.actions.resolve(me, id, body);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  confirm(@CurrentUser() me: Principal, @Param('id', ParseIdPipe) id: number): Promise<IComplaintDetail> {
    return this.actions.confirm(me, id);
  }

  @Post(':id/dispute')
  @HttpCode(200)
  dispute(
    @CurrentUser() me: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: DisputeComplaintDto,
  ): Promise<IComplaintDetail> {
    return this.actions.dispute(me, id, body.reason);
  }
}

@ApiTags('complaints')
@Controller('projects/:projectId/complaint-policy')
export class ComplaintPolicyController {
  constructor(
    private readonly policies: ComplaintPolicies,
    private readonly access: AccessService,
  ) {}

  @Get()
  @Allow(Permission.ComplaintView)
  get(@CurrentUser() me: Principal, @Param('projectId', ParseIdPipe) projectId: number): Promise<IComplaintPolicy> {
    this.access.assertProject(me, projectId, Permission.ComplaintView);
    return this.policies.get(projectId);
  }

  @Put()
  @Allow(Permission.ComplaintPolicyEdit)
  save(
    @CurrentUser() me: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Body() body: ComplaintPolicyDto,
  ): Promise<IComplaintPolicy> {
    this.access.assertProject(me, projectId, Permission.ComplaintPolicyEdit);
    return this.policies.save(projectId, body);
  }
}

/** 催单 (the resident's nudge on a slow request) and the console's marker. */
@ApiTags('complaints')
@Controller()
export class TicketUrgesController {
  constructor(private readonly urges: TicketUrges) {}

  @Post('tickets/:id/urge')
  @HttpCode(200)
  urge(@CurrentUser() me: Principal, @Param('id', ParseIdPipe) id: number): Promise<ITicketUrge> {
    return this.urges.urge(me, id);
  }

  @Get('tickets/:id/urge')
  state(@CurrentUser() me: Principal, @Param('id', ParseIdPipe) id: number): Promise<ITicketUrge> {
    return this.urges.state(me, id);
  }

  @Get('ticket-urges')
  @Allow(Permission.TicketView)
  ofProject(@CurrentUser() me: Principal, @Query() query: ProjectIdQueryDto): Promise<ITicketUrge[]> {
    return this.urges.ofProject(me, query.projectId);
  }
}
