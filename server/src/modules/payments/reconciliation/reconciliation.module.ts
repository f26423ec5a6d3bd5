import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WechatPayModule } from '../../wechat-pay/wechat-pay.module';
import { PaymentsModule } from '../payments.module';
import { ReconciliationController } from './reconciliation.controller';
import { RECONCILIATION_ENTITIES } from './reconciliation.entity';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import { ReconciliationService } from './reconciliation.service';

/**
 * Daily WeChat Pay reconciliation (docs/reconciliation.md): owns reconciliation_runs / _discrepancies, reads
 * local trades only through PaymentsModule's WechatTrades and WeChat's side through WechatPayClient.
 */
@Module({
  imports: [TypeOrmModule.forFeature(RECONCILIATION_ENTITIES), PaymentsModule, WechatPayModule],
  controllers: [ReconciliationController],
  providers: [ReconciliationService, ReconciliationScheduler],
  exports: [ReconciliationService],
})
export class ReconciliationModule {}
