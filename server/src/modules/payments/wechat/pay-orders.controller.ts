import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { IPayOrder } from '@app/shared';
import { CurrentUser } from '../../../common/decorators';
import { ParseIdPipe } from '../../../common/parse-id.pipe';
import type { Principal } from '../../../common/principal';
import { CreatePayOrderDto } from '../dto/payments.dto';
import { PayOrdersService } from './pay-orders.service';

/** Residents pay with WeChat Pay (PAYMENT_ROUTES.createOrder / myOrder). */
@ApiTags('payments')
@Controller('payments/mine/orders')
export class PayOrdersController {
  constructor(private readonly orders: PayOrdersService) {}

  /** 201 with the order (a repeated key answers the same order). */
  @Post()
  create(@CurrentUser() principal: Principal, @Body() body: CreatePayOrderDto): Promise<IPayOrder> {
    return this.orders.create(principal, body);
  }

  @Get(':id')
  mine(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IPayOrder> {
    return this.orders.mine(principal, id);
  }
}
