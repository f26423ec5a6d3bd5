import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '@app/shared';
import type { ICharge, IPage } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import { PageQueryDto } from '../../common/pagination.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { CashService } from './cash.service';
import { ChargeConfirmationService } from './charge-confirmation.service';
import { ChargesService } from './charges.service';
import { ChargeQueryDto, PhoneConfirmChargeDto, SetPaymentMethodDto, WaiveChargeDto } from './dto/charges.dto';
import { WaiversService } from './waivers.service';

@ApiTags('charges')
@Controller('charges')
export class ChargesController {
  constructor(
    private readonly charges: ChargesService,
    private readonly confirmation: ChargeConfirmationService,
    private readonly cash: CashService,
    private readonly waivers: WaiversService,
  ) {}

  @Get('mine')
  mine(@CurrentUser() principal: Principal, @Query() query: PageQueryDto): Promise<IPage<ICharge>> {
    return this.charges.mine(principal, query);
  }

  @Get()
  @Allow(Permission.ChargeView, Permission.JobWork)
  list(@CurrentUser() principal: Principal, @Query() query: ChargeQueryDto): Promise<IPage<ICharge>> {
    return this.charges.list(principal, query);
  }

  @Get(':id')
  get(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<ICharge> {
    return this.charges.get(principal, id);
  }

  @Patch(':id/payment-method')
  setPaymentMethod(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: SetPaymentMethodDto,
  ): Promise<ICharge> {
    return this.charges.setPaymentMethod(principal, id, body.paymentMethod);
  }

  /** The resident confirms a charge whose signatures were collected on the technician's phone. */
  @Post(':id/confirm')
  @HttpCode(200)
  confirm(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<ICharge> {
    return this.confirmation.confirmByResident(principal, id);
  }

  /** The customer manager records the resident's confirmation given on the phone, with a note. */
  @Post(':id/phone-confirmation')
  @HttpCode(200)
  @Allow(Permission.ChargePhoneConfirm)
  phoneConfirm(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: PhoneConfirmChargeDto,
  ): Promise<ICharge> {
    return this.confirmation.confirmByPhone(principal, id, body.note);
  }

  /** The customer manager records the resident's choice, by phone, to pay cash on site (instead of in the app). */
  @Post(':id/cash/phone-choice')
  @HttpCode(200)
  @Allow(Permission.ChargePhoneConfirm)
  phoneCashChoice(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: PhoneConfirmChargeDto,
  ): Promise<ICharge> {
    return this.cash.chooseCashByPhone(principal, id, body.note);
  }

  @Post(':id/cash')
  @HttpCode(200)
  @Allow(Permission.CashCollect)
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
  @Allow(Permission.ChargeWaive)
  waive(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: WaiveChargeDto,
  ): Promise<ICharge> {
    return this.waivers.waive(principal, id, body.reason);
  }
}
