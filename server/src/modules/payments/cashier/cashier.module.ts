import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../../audit/audit.module';
import { BindingsModule } from '../../bindings/bindings.module';
import { IdentityModule } from '../../identity/identity.module';
import { PropertyModule } from '../../property/property.module';
import { WechatPayModule } from '../../wechat-pay/wechat-pay.module';
import { PaymentsModule } from '../payments.module';
import { Payment, Receipt, Refund } from '../payments.entity';
import { ReceiptPdfController } from '../receipts/receipt-pdf.controller';
import { ReceiptPrintService } from '../receipts/receipt-print.service';
import { CashierCollection } from './cashier-collection.entity';
import { CashierController } from './cashier.controller';
import { CashierService } from './cashier.service';
import { HandoverService } from './handover.service';
import { MicropayDesk } from './micropay-desk';
import { MicropayReversal } from './micropay-reversal.entity';
import { MicropayReversals } from './micropay-reversals';

/**
 * The cashier side of module `payments` (docs/payments.md "Cashier desk"): the desk's routes, 交班汇总 and the
 * printable receipt. Writes money only through PaymentsService (recordPayment / decidePending / openReceipt).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CashierCollection, MicropayReversal, Payment, Receipt, Refund]),
    PaymentsModule,
    AuditModule,
    IdentityModule,
    PropertyModule,
    BindingsModule,
    WechatPayModule,
  ],
  controllers: [CashierController, ReceiptPdfController],
  providers: [CashierService, HandoverService, MicropayDesk, MicropayReversals, ReceiptPrintService],
})
export class CashierModule {}
