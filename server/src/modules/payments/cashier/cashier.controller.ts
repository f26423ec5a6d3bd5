import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type IBinding,
  type ICashierPaymentResult,
  type IHandoverSummary,
  type IPayables,
  type IPayment,
} from '@app/shared';
import { Allow, CurrentUser } from '../../../common/decorators';
import { ParseIdPipe } from '../../../common/parse-id.pipe';
import type { Principal } from '../../../common/principal';
import { CallerLookupDto } from '../../bindings/bindings.dto';
import {
  CashierHouseQueryDto,
  CashierPaymentDto,
  CashierProjectQueryDto,
  DecidePaymentDto,
  HandoverQueryDto,
} from './cashier.dto';
import { CashierService } from './cashier.service';
import { HandoverService } from './handover.service';

/** 收银台 (CASHIER_ROUTES): open items of a house, collection with split tenders, the second person's approval, 交班汇总. */
@ApiTags('cashier')
@Controller('cashier')
export class CashierController {
  constructor(
    private readonly cashier: CashierService,
    private readonly handovers: HandoverService,
  ) {}

  @Get('payables')
  @Allow(Permission.PaymentCollect)
  payables(@CurrentUser() principal: Principal, @Query() query: CashierHouseQueryDto): Promise<IPayables> {
    return this.cashier.payables(principal, query.houseId);
  }

  /** 按手机号: the payer's verified houses (the number in the body, never a URL; audited and rate-limited). */
  @Post('lookup')
  @HttpCode(200)
  @Allow(Permission.PaymentCollect)
  lookup(@CurrentUser() principal: Principal, @Body() body: CallerLookupDto): Promise<IBinding[]> {
    return this.cashier.lookupHouses(principal, body.projectId, body.phone);
  }

  @Post('payments')
  @HttpCode(200)
  @Allow(Permission.PaymentCollect)
  collect(
    @CurrentUser() principal: Principal,
    @Body() body: CashierPaymentDto,
    @Ip() ip: string,
  ): Promise<ICashierPaymentResult> {
    return this.cashier.collect(principal, body, ip || '127.0.0.1');
  }

  @Get('approvals')
  @Allow(Permission.PaymentView)
  approvals(@CurrentUser() principal: Principal, @Query() query: CashierProjectQueryDto): Promise<IPayment[]> {
    return this.cashier.pendingApprovals(principal, query.projectId);
  }

  @Post('payments/:id/decision')
  @HttpCode(200)
  @Allow(Permission.PaymentApprove)
  decide(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: DecidePaymentDto,
  ): Promise<IPayment> {
    return this.cashier.decide(principal, id, body.approve, body.reason);
  }

  @Get('handover')
  @Allow(Permission.PaymentView)
  handover(@CurrentUser() principal: Principal, @Query() query: HandoverQueryDto): Promise<IHandoverSummary> {
    return this.handovers.summary(principal, query.projectId, query.date);
  }
}
