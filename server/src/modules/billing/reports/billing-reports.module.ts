import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BindingsModule } from '../../bindings/bindings.module';
import { IdentityModule } from '../../identity/identity.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { PropertyModule } from '../../property/property.module';
import { BillingModule } from '../billing.module';
import { ArrearsService } from './arrears.service';
import { BillExportsService } from './bill-exports.service';
import { BillLedger } from './bill-ledger';
import { BillPrintService } from './bill-print.service';
import { BillReminder } from './bill-reminder.entity';
import { BillingReportsController } from './billing-reports.controller';
import { CollectionRateService } from './collection-rate.service';
import { ReadingsExport } from './readings-export';

/** The reports side of module `billing` (催缴, 收缴率, PDFs, exports); reads bills as staff see them through BillsService. */
@Module({
  imports: [
    TypeOrmModule.forFeature([BillReminder]),
    IdentityModule,
    PropertyModule,
    BindingsModule,
    NotificationsModule,
    BillingModule,
  ],
  controllers: [BillingReportsController],
  providers: [BillLedger, ArrearsService, CollectionRateService, BillExportsService, BillPrintService, ReadingsExport],
})
export class BillingReportsModule {}
