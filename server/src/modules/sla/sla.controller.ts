import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { ISlaPolicy, ISlaPolicyRequest, ISlaReport, ISlaReportQuery, Urgency } from '@app/shared';
import { Permission, SLA_REPORT_MAX_MONTHS } from '@app/shared';
import { ApiBinaryResponse } from '../../common/api-docs';
import { DomainException } from '../../common/domain.exception';
import { Allow, CurrentUser, Trim } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { AccessService } from '../identity/access.service';
import { SlaPolicies } from './sla-policies.service';
import { ServiceCategoryService } from '../catalog/service-category.service';
import { slaReportWorkbook } from './sla-report-export';
import { SlaReports } from './sla-report.service';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Up to 30 days; null switches that clock off for the category. */
function minutesOf(label: string): PropertyDecorator {
  const decorators = [
    ValidateIf((_o, v) => v !== null),
    IsInt({ message: `${label}必须是整数分钟` }),
    Min(1, { message: `${label}至少 1 分钟` }),
    Max(43_200, { message: `${label}最多 43200 分钟` }),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
}

export class SlaPolicyDto implements ISlaPolicyRequest {
  @Trim()
  @IsString({ message: '类别必须是字符串' })
  @IsNotEmpty({ message: '请选择类别（* 表示默认）' })
  @MaxLength(32, { message: '类别最多 32 个字符' })
  category: string;

  @IsIn(['emergency', 'normal'], { message: '紧急程度只能是紧急（emergency）或一般（normal）' }) urgency: Urgency;

  @minutesOf('响应时限') respondMinutes: number | null;
  @minutesOf('到场时限') onSiteMinutes: number | null;
  @minutesOf('完成时限') resolveMinutes: number | null;
  @minutesOf('回访时限') returnVisitMinutes: number | null;
}

export class SlaReportQueryDto implements ISlaReportQuery {
  /** First report month, YYYY-MM (Asia/Shanghai). */
  @Matches(MONTH, { message: '起始月份格式应为 YYYY-MM' }) from: string;
  /** Last report month (inclusive), YYYY-MM. */
  @Matches(MONTH, { message: '结束月份格式应为 YYYY-MM' }) to: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** 服务时限 (SLA) per project × category × urgency; the domain defaults apply where no row is stored. */
@ApiTags('sla')
@Controller('projects/:projectId/sla-policies')
export class SlaController {
  constructor(
    private readonly policies: SlaPolicies,
    private readonly reports: SlaReports,
    private readonly access: AccessService,
  ) {}

  @Get()
  @Allow(Permission.DispatchPolicyView)
  list(@CurrentUser() me: Principal, @Param('projectId', ParseIdPipe) projectId: number): Promise<ISlaPolicy[]> {
    this.access.assertProject(me, projectId, Permission.DispatchPolicyView);
    return this.policies.list(projectId);
  }

  @Put()
  @Allow(Permission.DispatchPolicyEdit)
  save(
    @CurrentUser() me: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Body() body: SlaPolicyDto,
  ): Promise<ISlaPolicy> {
    this.access.assertProject(me, projectId, Permission.DispatchPolicyEdit);
    return this.policies.save(projectId, body, me.userId);
  }
}

/** 时效报表 (docs/sla.md): on-time rates and missed deadlines of the tickets reported in a range of months. */
@ApiTags('sla')
@Controller('projects/:projectId/sla-report')
export class SlaReportController {
  constructor(
    private readonly reports: SlaReports,
    private readonly access: AccessService,
    private readonly categories: ServiceCategoryService,
  ) {}

  /**
   * Tickets reported in the months `from`–`to` (Asia/Shanghai, at most 12), cancelled ones left out: per
   * category × urgency and per technician the on-time rate, missed deadlines by kind and average minutes to
   * acceptance and to work done; the latest missed deadlines with how late they were.
   */
  @Get()
  @Allow(Permission.ReportView)
  report(
    @CurrentUser() me: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Query() query: SlaReportQueryDto,
  ): Promise<ISlaReport> {
    return this.reportFor(me, projectId, query);
  }

  @Get('export.xlsx')
  @Allow(Permission.ReportView)
  @ApiBinaryResponse('时效报表（xlsx：按类别、按维修师傅、超时工单）', XLSX)
  async export(
    @CurrentUser() me: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Query() query: SlaReportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const report = await this.reportFor(me, projectId, query);
    const body = await slaReportWorkbook(report, await this.categories.labelsForProject(projectId));
    await reply
      .header('Content-Type', XLSX)
      .header('Content-Length', String(body.length))
      .header('Cache-Control', 'private, no-store')
      .header(
        'Content-Disposition',
        `attachment; filename="sla-report-${projectId}-${query.from}-${query.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(`时效报表-${query.from}至${query.to}.xlsx`)}`,
      )
      .send(body);
  }

  private reportFor(me: Principal, projectId: number, query: SlaReportQueryDto): Promise<ISlaReport> {
    this.access.assertProject(me, projectId, Permission.ReportView);
    const span = monthIndex(query.to) - monthIndex(query.from);
    if (span < 0) throw DomainException.validation('to', '结束月份不能早于起始月份');
    if (span >= SLA_REPORT_MAX_MONTHS)
      throw DomainException.validation('to', `报表期间最多 ${SLA_REPORT_MAX_MONTHS} 个月`);
    return this.reports.report(projectId, query.from, query.to);
  }
}
