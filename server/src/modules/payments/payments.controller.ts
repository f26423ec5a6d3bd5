import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission, type IPage, type IPayables, type IPayment, type IReceipt } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { HouseQueryDto, MyPaymentsQueryDto, PaymentListQueryDto } from './dto/payments.dto';
import { PaymentQueries } from './payment-queries.service';

/** Staff: payments and receipts of their projects (PAYMENT_ROUTES.list / receipt). */
@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(private readonly queries: PaymentQueries) {}

  @Get()
  @Allow(Permission.PaymentView)
  list(@CurrentUser() principal: Principal, @Query() query: PaymentListQueryDto): Promise<IPage<IPayment>> {
    return this.queries.list(principal, query);
  }

  @Get('receipts/:id')
  @Allow(Permission.PaymentView)
  receipt(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IReceipt> {
    return this.queries.receipt(principal, id);
  }
}

/** Residents: their houses' open items, payments and receipts; anything of another house is 404. */
@ApiTags('payments')
@Controller('payments/mine')
export class PaymentsMineController {
  constructor(private readonly queries: PaymentQueries) {}

  @Get('payables')
  myPayables(@CurrentUser() principal: Principal, @Query() query: HouseQueryDto): Promise<IPayables> {
    return this.queries.myPayables(principal, query.houseId);
  }

  @Get()
  myPayments(@CurrentUser() principal: Principal, @Query() query: MyPaymentsQueryDto): Promise<IPage<IPayment>> {
    return this.queries.myPayments(principal, query);
  }

  @Get('receipts/:id')
  myReceipt(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IReceipt> {
    return this.queries.myReceipt(principal, id);
  }
}
