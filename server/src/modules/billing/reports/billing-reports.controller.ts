import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission } from '@app/shared';
import type { IArrearsRow, ICollectionRate, IPage, IReminder } from '@app/shared';
import { ApiBinaryResponse } from '../../../common/api-docs';
import { Allow, CurrentUser } from '../../../common/decorators';
import { ParseIdPipe } from '../../../common/parse-id.pipe';
import type { Principal } from '../../../common/principal';
import { ArrearsService } from './arrears.service';
import { BillExportsService } from './bill-exports.service';
import { BillPrintService } from './bill-print.service';
import { CollectionRateService } from './collection-rate.service';
import {
  ArrearsQueryDto,
  ProjectPeriodQueryDto,
  ReminderListQueryDto,
  ReminderNoticeQueryDto,
  SendRemindersDto,
} from './dto/reports.dto';
import { ReadingsExport } from './readings-export';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Files are downloaded, never rendered inline by the API origin; the Chinese name rides in filename*. */
async function sendFile(
  reply: FastifyReply,
  type: string,
  body: Buffer,
  asciiName: string,
  chineseName: string,
): Promise<void> {
  await reply
    .header('Content-Type', type)
    .header('Content-Length', String(body.length))
    .header('Cache-Control', 'private, no-store')
    .header(
      'Content-Disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`,
    )
    .send(body);
}

/** 催缴, 收缴率, printed bills and month exports (issue 9, reports side). */
@ApiTags('billing reports (arrears, collection, exports)')
@Controller('billing')
export class BillingReportsController {
  constructor(
    private readonly arrears: ArrearsService,
    private readonly rates: CollectionRateService,
    private readonly exports: BillExportsService,
    private readonly print: BillPrintService,
    private readonly readings: ReadingsExport,
  ) {}

  @Get('arrears')
  @Allow(Permission.BillingView)
  list(@CurrentUser() principal: Principal, @Query() query: ArrearsQueryDto): Promise<IPage<IArrearsRow>> {
    return this.arrears.list(principal, query);
  }

  @Post('reminders')
  @HttpCode(200)
  @Allow(Permission.ArrearsRemind)
  send(@CurrentUser() principal: Principal, @Body() body: SendRemindersDto): Promise<IReminder[]> {
    return this.arrears.send(principal, body);
  }

  @Get('reminders')
  @Allow(Permission.BillingView)
  reminders(@CurrentUser() principal: Principal, @Query() query: ReminderListQueryDto): Promise<IPage<IReminder>> {
    return this.arrears.reminders(principal, query);
  }

  @Get('reminders/notice.pdf')
  @Allow(Permission.ArrearsRemind)
  @ApiBinaryResponse('催缴通知单（每户一页，打印即记录一次催缴）；服务器无中文字体时 503', PDF)
  async notice(
    @CurrentUser() principal: Principal,
    @Query() query: ReminderNoticeQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = await this.arrears.notice(principal, query.projectId, query.houseIds);
    await sendFile(reply, PDF, body, `arrears-notice-${query.projectId}.pdf`, '催缴通知单.pdf');
  }

  @Get('collection-rate')
  @Allow(Permission.BillingView)
  collectionRate(@CurrentUser() principal: Principal, @Query() query: ProjectPeriodQueryDto): Promise<ICollectionRate> {
    return this.rates.rate(principal, query.projectId, query.period);
  }

  @Get('bills/:id/pdf')
  @Allow(Permission.BillingView)
  @ApiBinaryResponse('账单 PDF（内嵌中文字体）；服务器无中文字体时 503', PDF)
  async billPdf(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.print.pdf(principal, id);
    await sendFile(reply, PDF, file.body, file.filename, `物业费账单-${file.filename}`);
  }

  @Get('exports/bills.xlsx')
  @Allow(Permission.BillingView)
  @ApiBinaryResponse('项目当月账单（xlsx）', XLSX)
  async exportBills(
    @CurrentUser() principal: Principal,
    @Query() query: ProjectPeriodQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = await this.exports.bills(principal, query.projectId, query.period);
    await sendFile(reply, XLSX, body, `bills-${query.projectId}-${query.period}.xlsx`, `账单-${query.period}.xlsx`);
  }

  @Get('exports/bill-lines.xlsx')
  @Allow(Permission.BillingView)
  @ApiBinaryResponse('项目当月账单明细（xlsx）', XLSX)
  async exportLines(
    @CurrentUser() principal: Principal,
    @Query() query: ProjectPeriodQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = await this.exports.lines(principal, query.projectId, query.period);
    await sendFile(
      reply,
      XLSX,
      body,
      `bill-lines-${query.projectId}-${query.period}.xlsx`,
      `账单明细-${query.period}.xlsx`,
    );
  }

  @Get('exports/readings.xlsx')
  @Allow(Permission.BillingView)
  @ApiBinaryResponse('项目当月抄表读数（xlsx）', XLSX)
  async exportReadings(
    @CurrentUser() principal: Principal,
    @Query() query: ProjectPeriodQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = await this.readings.xlsx(principal, query.projectId, query.period);
    await sendFile(
      reply,
      XLSX,
      body,
      `readings-${query.projectId}-${query.period}.xlsx`,
      `抄表读数-${query.period}.xlsx`,
    );
  }
}
