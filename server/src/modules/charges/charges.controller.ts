import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, STAFF_ROLES } from '@app/shared';
import type { ICharge, IPage } from '@app/shared';
import { CurrentUser, Roles } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { CashService } from './cash.service';
import { ChargesService } from './charges.service';
import { ChargeQueryDto, SetPaymentMethodDto, WaiveChargeDto } from './dto/charges.dto';
import { WaiversService } from './waivers.service';

@ApiTags('charges')
@Controller('charges')
export class ChargesController {
  constructor(
    private readonly charges: ChargesService,
    private readonly cash: CashService,
    private readonly waivers: WaiversService,
  ) {}

  @Get('mine')
  mine(@CurrentUser() principal: Principal): Promise<ICharge[]> {
    return this.charges.mine(principal);
  }

  @Get()
  @Roles(...STAFF_ROLES)
  list(@CurrentUser() principal: Principal, @Query() query: ChargeQueryDto): Promise<IPage<ICharge>> {
    return this.charges.list(principal, query);
  }

  @Get(':id')
  get(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<ICharge> {
    return this.charges.get(principal, id);
  }

  @Patch(':id/payment-method')
  setPaymentMethod(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number, @Body() body: SetPaymentMethodDto): Promise<ICharge> {
    return this.charges.setPaymentMethod(principal, id, body.paymentMethod);
  }

  @Post(':id/cash')
  @HttpCode(200)
  @Roles(Role.Technician)
  collectCash(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<ICharge> {
    return this.cash.collect(principal, id);
  }

  @Post(':id/cash/confirm')
  @HttpCode(200)
  confirmCash(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<ICharge> {
    return this.cash.confirm(principal, id);
  }

  @Post(':id/waive')
  @HttpCode(200)
  @Roles(Role.ProjectManager)
  waive(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number, @Body() body: WaiveChargeDto): Promise<ICharge> {
    return this.waivers.waive(principal, id, body.reason);
  }
}
