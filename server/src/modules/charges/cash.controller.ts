import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '@app/shared';
import type {
  ICashHandover,
  ICashOutstanding,
  ICompanySettings,
  ICounterSale,
  ICounterSaleLedger,
  IWaiverBudget,
} from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { CashService } from './cash.service';
import { CompanySettingsService } from './company-settings.service';
import { CounterSalesService } from './counter-sales.service';
import {
  CashHandoverDto,
  CashOutstandingQueryDto,
  CompanySettingsDto,
  CounterSaleDto,
  CounterSaleLedgerQueryDto,
} from './dto/cash.dto';
import { WaiversService } from './waivers.service';

@ApiTags('charges')
@Controller('cash')
export class CashController {
  constructor(private readonly cash: CashService) {}

  @Get('outstanding')
  @Allow(Permission.CashView)
  outstanding(@CurrentUser() principal: Principal, @Query() query: CashOutstandingQueryDto): Promise<ICashOutstanding> {
    return this.cash.outstanding(principal, query.projectId);
  }

  @Get('mine')
  @Allow(Permission.CashCollect)
  mine(@CurrentUser() principal: Principal): Promise<ICashOutstanding> {
    return this.cash.mine(principal);
  }

  @Post('handovers')
  @Allow(Permission.CashHandover)
  handover(@CurrentUser() principal: Principal, @Body() body: CashHandoverDto): Promise<ICashHandover> {
    return this.cash.handover(principal, body);
  }
}

@ApiTags('charges')
@Controller('waivers')
export class WaiversController {
  constructor(private readonly waivers: WaiversService) {}

  @Get('budget')
  @Allow(Permission.ChargeWaive)
  budget(@CurrentUser() principal: Principal): Promise<IWaiverBudget> {
    return this.waivers.budget(principal);
  }
}

@ApiTags('charges')
@Controller('counter-sales')
export class CounterSalesController {
  constructor(private readonly sales: CounterSalesService) {}

  @Post()
  @Allow(Permission.CounterSaleCreate)
  create(@CurrentUser() principal: Principal, @Body() body: CounterSaleDto): Promise<ICounterSale> {
    return this.sales.create(principal, body);
  }

  @Get()
  @Allow(Permission.CounterSaleView)
  ledger(@CurrentUser() principal: Principal, @Query() query: CounterSaleLedgerQueryDto): Promise<ICounterSaleLedger> {
    return this.sales.ledger(principal, query.projectId, query.date);
  }
}

@ApiTags('charges')
@Controller('companies/:companyId/settings')
export class CompanySettingsController {
  constructor(private readonly settings: CompanySettingsService) {}

  @Get()
  @Allow(Permission.CompanySettingsEdit)
  get(
    @CurrentUser() principal: Principal,
    @Param('companyId', ParseIdPipe) companyId: number,
  ): Promise<ICompanySettings> {
    return this.settings.get(principal, companyId);
  }

  @Put()
  @Allow(Permission.CompanySettingsEdit)
  update(
    @CurrentUser() principal: Principal,
    @Param('companyId', ParseIdPipe) companyId: number,
    @Body() body: CompanySettingsDto,
  ): Promise<ICompanySettings> {
    return this.settings.update(principal, companyId, body);
  }
}
