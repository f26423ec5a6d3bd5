import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { Permission, type IReconciliationDiscrepancy, type IReconciliationRun } from '@app/shared';
import { Allow, CurrentUser } from '../../../common/decorators';
import { ParseIdPipe } from '../../../common/parse-id.pipe';
import type { Principal } from '../../../common/principal';
import { ReconciliationService } from './reconciliation.service';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class ReconciliationRunsQueryDto {
  @IsOptional() @Matches(DAY, { message: '开始日期格式应为 YYYY-MM-DD' }) from?: string;
  @IsOptional() @Matches(DAY, { message: '结束日期格式应为 YYYY-MM-DD' }) to?: string;
}

export class ReconciliationRunDto {
  @IsString({ message: '对账日期必须是字符串' }) @Matches(DAY, { message: '对账日期格式应为 YYYY-MM-DD' }) date: string;
}

/** 微信对账 (docs/reconciliation.md): the merchant account is company-wide, so is the permission. */
@ApiTags('reconciliation')
@Controller('reconciliation/runs')
export class ReconciliationController {
  constructor(private readonly service: ReconciliationService) {}

  @Get()
  @Allow(Permission.Reconcile)
  runs(@Query() query: ReconciliationRunsQueryDto): Promise<IReconciliationRun[]> {
    return this.service.list(query);
  }

  /** Downloads the trade bill and compares now; the same date again replaces its result. */
  @Post()
  @HttpCode(200)
  @Allow(Permission.Reconcile)
  run(@CurrentUser() principal: Principal, @Body() body: ReconciliationRunDto): Promise<IReconciliationRun> {
    return this.service.run(body.date, { userId: principal.userId, companyId: principal.companyId });
  }

  @Get(':id/discrepancies')
  @Allow(Permission.Reconcile)
  discrepancies(@Param('id', ParseIdPipe) id: number): Promise<IReconciliationDiscrepancy[]> {
    return this.service.discrepancies(id);
  }
}
