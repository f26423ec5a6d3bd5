import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '@app/shared';
import type { IBill, IBillDetail, IBillRun, IBillingItem, IPage } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { BillsService } from './bills.service';
import { CorrectionsService } from './corrections.service';
import {
  AddAdjustmentDto,
  BillListQueryDto,
  ItemsQueryDto,
  ReasonDto,
  RunsQueryDto,
  StartBillRunDto,
  UpsertBillingItemDto,
} from './dto/billing.dto';
import { BillingItemsService } from './items.service';
import { BillRunService } from './run/bill-run.service';

/** Staff side of monthly bills (ROUTES.billing): fee items, runs, bills and corrections. */
@ApiTags('billing')
@Controller('billing')
export class BillingController {
  constructor(
    private readonly items: BillingItemsService,
    private readonly runs: BillRunService,
    private readonly bills: BillsService,
    private readonly corrections: CorrectionsService,
  ) {}

  @Get('items')
  @Allow(Permission.BillingView)
  listItems(@CurrentUser() principal: Principal, @Query() query: ItemsQueryDto): Promise<IBillingItem[]> {
    return this.items.list(principal, query.projectId, query.includeEnded);
  }

  /** A new price starts a new effective-dated row; the current one ends the month before. */
  @Post('items')
  @Allow(Permission.BillingItemEdit)
  upsertItem(@CurrentUser() principal: Principal, @Body() body: UpsertBillingItemDto): Promise<IBillingItem> {
    return this.items.upsert(principal, body);
  }

  @Get('runs')
  @Allow(Permission.BillingView)
  listRuns(@CurrentUser() principal: Principal, @Query() query: RunsQueryDto): Promise<IBillRun[]> {
    return this.runs.list(principal, query);
  }

  /** Answers at once (202) with the run of each project; a run already running or finished is answered as it is. */
  @Post('runs')
  @HttpCode(202)
  @Allow(Permission.BillRun)
  startRun(@CurrentUser() principal: Principal, @Body() body: StartBillRunDto): Promise<IBillRun[]> {
    return this.runs.start(principal, body);
  }

  @Get('runs/:id')
  @Allow(Permission.BillingView)
  run(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IBillRun> {
    return this.runs.get(principal, id);
  }

  @Post('runs/:id/check')
  @HttpCode(200)
  @Allow(Permission.BillRun)
  checkRun(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IBillRun> {
    return this.runs.check(principal, id);
  }

  @Post('runs/:id/publish')
  @HttpCode(200)
  @Allow(Permission.BillRun)
  publishRun(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IBillRun> {
    return this.runs.publish(principal, id);
  }

  @Get('bills')
  @Allow(Permission.BillingView)
  listBills(@CurrentUser() principal: Principal, @Query() query: BillListQueryDto): Promise<IPage<IBill>> {
    return this.bills.list(principal, query);
  }

  @Get('bills/:id')
  @Allow(Permission.BillingView)
  bill(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IBillDetail> {
    return this.bills.detail(principal, id);
  }

  @Post('bills/:id/void-and-reissue')
  @HttpCode(200)
  @Allow(Permission.BillCorrect)
  voidAndReissue(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ReasonDto,
  ): Promise<IBillDetail> {
    return this.corrections.voidAndReissue(principal, id, body.reason);
  }

  @Post('bills/:id/lines/:lineId/waive')
  @HttpCode(200)
  @Allow(Permission.BillCorrect)
  waiveLateFee(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Param('lineId', ParseIdPipe) lineId: number,
    @Body() body: ReasonDto,
  ): Promise<IBillDetail> {
    return this.corrections.waiveLateFee(principal, id, lineId, body.reason);
  }

  /** The amount lands on the house's next bill as an adjustment line. */
  @Post('adjustments')
  @HttpCode(204)
  @Allow(Permission.BillCorrect)
  addAdjustment(@CurrentUser() principal: Principal, @Body() body: AddAdjustmentDto): Promise<void> {
    return this.corrections.addAdjustment(principal, body);
  }
}
