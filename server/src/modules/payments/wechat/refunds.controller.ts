import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission, type IPage, type IRefund } from '@app/shared';
import { Allow, CurrentUser } from '../../../common/decorators';
import { ParseIdPipe } from '../../../common/parse-id.pipe';
import type { Principal } from '../../../common/principal';
import { CompleteRefundDto, DecideRefundDto, RefundListQueryDto, RequestRefundDto } from '../dto/payments.dto';
import { RefundViews } from './refund-views';
import { RefundsService } from './refunds.service';

/** Staff refunds (PAYMENT_ROUTES.refunds / requestRefund / decideRefund / completeRefund). */
@ApiTags('payments')
@Controller('payments/refunds')
export class RefundsController {
  constructor(
    private readonly refunds: RefundsService,
    private readonly views: RefundViews,
  ) {}

  @Get()
  @Allow(Permission.PaymentView, Permission.RefundApprove)
  list(@CurrentUser() principal: Principal, @Query() query: RefundListQueryDto): Promise<IPage<IRefund>> {
    return this.views.list(principal, query);
  }

  @Post()
  @Allow(Permission.RefundRequest)
  request(@CurrentUser() principal: Principal, @Body() body: RequestRefundDto): Promise<IRefund> {
    return this.refunds.request(principal, body);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Allow(Permission.RefundApprove)
  decide(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: DecideRefundDto,
  ): Promise<IRefund> {
    return this.refunds.decide(principal, id, body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Allow(Permission.PaymentCollect)
  complete(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: CompleteRefundDto,
  ): Promise<IRefund> {
    return this.refunds.complete(principal, id, body.reference);
  }
}
