import { Permission } from '@app/shared';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ITechnicianWorkload } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import type { Principal } from '../../common/principal';
import { ProjectQueryDto } from './dto/list-query.dto';
import { TechnicianWorkloadService } from './technician-workload.service';

@ApiTags('tickets: dispatch and technician work')
@Controller('tickets')
export class TechnicianWorkloadController {
  constructor(private readonly workload: TechnicianWorkloadService) {}

  /** Open jobs and today's appointments of each technician of the project, for the dispatch dialog. */
  @Get('technician-workload')
  @Allow(Permission.TicketDispatch)
  list(@CurrentUser() me: Principal, @Query() query: ProjectQueryDto): Promise<ITechnicianWorkload[]> {
    return this.workload.forProject(me, query.projectId);
  }
}
