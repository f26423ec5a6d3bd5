import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { WechatAuthClient } from './wechat-auth.client';
import { WECHAT_AUTH_CLIENT } from './wechat.tokens';

@Module({
  providers: [
    {
      provide: WECHAT_AUTH_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.wechat ? new WechatAuthClient(config.wechat, new Logger('WechatAuthClient')) : null,
    },
  ],
  exports: [WECHAT_AUTH_CLIENT],
})
export class WechatModule {}
