import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { IdentityModule } from '../identity/identity.module';
import { InboxModule } from '../inbox/inbox.module';
import { WechatModule } from '../wechat/wechat.module';
import { WECHAT_AUTH_CLIENT } from '../wechat/wechat.tokens';
import type { WechatAuthClient } from '../wechat/wechat-auth.client';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxDelivery } from './outbox-delivery';
import { OutboxPush } from './outbox-push';
import { DeliveryAttempt, OutboxMessage, SubscribeCredit } from './outbox.entity';
import { OutboxRunner } from './outbox-runner';
import { PUSH_CHANNELS, type PushChannels } from './push-channels';
import { WechatSubscribeClient } from './wechat-subscribe.client';
import { WecomClient } from './wecom.client';

/**
 * Notifications: the outbox (`notification_outbox`, `notification_deliveries`), the subscribe-credit ledger
 * and the push channels. Other modules call `NotificationsService.enqueue(tx, message)`; the in-app inbox
 * row is written through `InboxService` in the same transaction.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([OutboxMessage, DeliveryAttempt, SubscribeCredit]),
    IdentityModule,
    InboxModule,
    WechatModule,
  ],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    OutboxDelivery,
    OutboxPush,
    OutboxRunner,
    {
      provide: PUSH_CHANNELS,
      inject: [APP_CONFIG, WECHAT_AUTH_CLIENT],
      useFactory: (config: AppConfig, auth: WechatAuthClient | null): PushChannels => {
        const n = config.notifications;
        const wechat =
          auth && config.wechat && (n.templates.jobDispatch || n.templates.ticketProgress)
            ? new WechatSubscribeClient(auth, config.wechat.apiBase, n.miniprogramState)
            : null;
        const wecom = n.wecom ? new WecomClient(n.wecom) : null;
        new Logger('Notifications').log(
          `push channels: wechat ${wechat ? 'on' : 'off'}, wecom ${wecom ? 'on' : 'off'}, worker ${n.worker ? (n.redisUrl ? 'bullmq' : 'in-process') : 'off'}`,
        );
        return { wechat, wecom };
      },
    },
  ],
  exports: [NotificationsService, OutboxRunner],
})
export class NotificationsModule {}
