import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role } from '@app/shared';
import type { ICashHandover, ICashOutstanding, ICompanySettings, ICounterSale, ICounterSaleLedger, IWaiverBudget } from '@app/shared';
import { CurrentUser, Roles } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { CASH_VIEWERS, CashService } from './cash.service';
import { CompanySettingsService, SETTINGS_EDITORS } from './company-settings.service';
import { COUNTER_STAFF, CounterSalesService } from './counter-sales.service';
import { CashHandoverDto, CashOutstandingQueryDto, CompanySettingsDto, CounterSaleDto, CounterSaleLedgerQueryDto } from './dto/cash.dto';
import { WaiversService } from './waivers.service';

@ApiTags('charges')
@Controller('cash')
export class CashController {
  constructor(private readonly cash: CashService) {}

  @Get('outstanding')
  @Roles(...CASH_VIEWERS)
  outstanding(@CurrentUser() principal: Principal, @Query() query: CashOutstandingQueryDto): Promise<ICashOutstanding> {
    return this.cash.outstanding(principal, query.projectId);
  }

  @Get('mine')
  @Roles(Role.Technician)
  mine(@CurrentUser() principal: Principal): Promise<ICashOutstanding> {
    return this.cash.mine(principal);
  }

  @Post('handovers')
  @Roles(Role.Cashier)
  handover(@CurrentUser() principal: Principal, @Body() body: CashHandoverDto): Promise<ICashHandover> {
    return this.cash.handover(principal, body);
  }
}

@ApiTags('charges')
@Controller('waivers')
export class WaiversController {
  constructor(private readonly waivers: WaiversService) {}

  @Get('budget')
  @Roles(Role.ProjectManager)
  budget(@CurrentUser() principal: Principal): Promise<IWaiverBudget> {
    return this.waivers.budget(principal);
  }
}

@ApiTags('charges')
@Controller('counter-sales')
export class CounterSalesController {
  constructor(private readonly sales: CounterSalesService) {}

  @Post()
  @Roles(...COUNTER_STAFF)
  create(@CurrentUser() principal: Principal, @Body() body: CounterSaleDto): Promise<ICounterSale> {
    return this.sales.create(principal, body);
  }

  @Get()
  @Roles(...COUNTER_STAFF, Role.ProjectManager, Role.Finance, Role.Admin)
  ledger(@CurrentUser() principal: Principal, @Query() query: CounterSaleLedgerQueryDto): Promise<ICounterSaleLedger> {
    return this.sales.ledger(principal, query.projectId, query.date);
  }
}

@ApiTags('charges')
@Controller('companies/:companyId/settings')
export class CompanySettingsController {
  constructor(private readonly settings: CompanySettingsService) {}

  @Get()
  @Roles(...SETTINGS_EDITORS)
  get(@CurrentUser() principal: Principal, @Param('companyId', ParseIdPipe) companyId: number): Promise<ICompanySettings> {
    return this.settings.get(principal, companyId);
  }

  @Put()
  @Roles(...SETTINGS_EDITORS)
  update(@CurrentUser() principal: Principal, @Param('companyId', ParseIdPipe) companyId: number, @Body() body: CompanySettingsDto): Promise<ICompanySettings> {
    return this.settings.update(principal, companyId, body);
  }
}
