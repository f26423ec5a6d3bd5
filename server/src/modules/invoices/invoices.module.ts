import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BindingsModule } from '../bindings/bindings.module';
import { IdentityModule } from '../identity/identity.module';
import { MediaModule } from '../media/media.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { PropertyModule } from '../property/property.module';
import { InvoiceRequestPayment, InvoiceRequestRow, InvoiceTitle } from './invoice.entity';
import { InvoiceTitlesService } from './invoice-titles.service';
import { InvoicesController } from './invoices.controller';
import { InvoicesService } from './invoices.service';

/** 电子发票 requests (docs/prepay-invoices.md). Above payments: reads payments through PaymentsService. */
@Module({
  imports: [
    TypeOrmModule.forFeature([InvoiceTitle, InvoiceRequestRow, InvoiceRequestPayment]),
    IdentityModule,
    PropertyModule,
    BindingsModule,
    MediaModule,
    NotificationsModule,
    PaymentsModule,
  ],
  controllers: [InvoicesController],
  providers: [InvoiceTitlesService, InvoicesService],
})
export class InvoicesModule {}
