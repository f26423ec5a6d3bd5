import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BillingModule } from '../billing/billing.module';
import { BindingsModule } from '../bindings/bindings.module';
import { ChargesModule } from '../charges/charges.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PropertyModule } from '../property/property.module';
import { PaymentQueries } from './payment-queries.service';
import { PaymentViews } from './payment-views';
import { PaymentsController, PaymentsMineController } from './payments.controller';
import { PAYMENT_ENTITIES } from './payments.entity';
import { PaymentsService } from './payments.service';
import { ReceiptsService } from './receipts.service';
import { WechatTrades } from './wechat-trades';
import { PayOrdersController } from './wechat/pay-orders.controller';
import { OrderSettlement } from './wechat/order-settlement';
import { PayOrdersService } from './wechat/pay-orders.service';
import { PaymentScheduler, PaymentSweep } from './wechat/payment-scheduler';
import { RefundViews } from './wechat/refund-views';
import { RefundsController } from './wechat/refunds.controller';
import { RefundsService } from './wechat/refunds.service';
import { ShippingUploads } from './wechat/shipping-uploads';
import { WechatNotifyController } from './wechat/wechat-notify.controller';
import { WechatNotifyService } from './wechat/wechat-notify.service';
import { WechatPayModule } from '../wechat-pay/wechat-pay.module';

/**
 * Payments (issue 10, docs/payments.md). Owns pay_orders, payments, payment_allocations, receipts,
 * receipt_counters and refunds; puts money on bills and charges only through BillSettlement / ChargeSettlement.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(PAYMENT_ENTITIES),
    IdentityModule,
    PropertyModule,
    BindingsModule,
    BillingModule,
    ChargesModule,
    NotificationsModule,
    WechatPayModule,
  ],
  controllers: [
    PaymentsController,
    PaymentsMineController,
    PayOrdersController,
    RefundsController,
    WechatNotifyController,
  ],
  providers: [
    PaymentsService,
    ReceiptsService,
    PaymentViews,
    PaymentQueries,
    PayOrdersService,
    OrderSettlement,
    RefundsService,
    RefundViews,
    WechatNotifyService,
    PaymentSweep,
    PaymentScheduler,
    ShippingUploads,
    WechatTrades,
  ],
  exports: [
    PaymentsService,
    PaymentViews,
    PaymentQueries,
    PayOrdersService,
    RefundsService,
    PaymentSweep,
    ShippingUploads,
    WechatTrades,
  ],
})
export class PaymentsModule {}
