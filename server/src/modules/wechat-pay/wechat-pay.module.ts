import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { WechatAuthClient } from '../wechat/wechat-auth.client';
import { WechatModule } from '../wechat/wechat.module';
import { WECHAT_AUTH_CLIENT } from '../wechat/wechat.tokens';
import { startWechatPayStandIn, type WechatPayStandIn } from './stand-in/wechatpay-stand-in';
import { WechatPayClient } from './wechat-pay.client';
import { WECHAT_PAY_STAND_IN } from './wechat-pay.tokens';

/**
 * Provides the one WechatPayClient (docs/wechat-pay.md). WECHATPAY_MODE=stand-in (the development default) starts
 * the local WeChat Pay stand-in in this process and points the client at it; WECHAT_PAY_STAND_IN then holds it
 * (cashier page URL, pay hook) for the demo, and is null in live and off modes.
 */
@Module({
  imports: [WechatModule],
  providers: [
    {
      provide: WECHAT_PAY_STAND_IN,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<WechatPayStandIn | null> => {
        const c = config.wechatPay;
        if (c.mode !== 'stand-in') return null;
        const standIn = await startWechatPayStandIn({
          appId: c.appId,
          serialMode: c.standIn.serialMode,
          retryScale: c.standIn.retryScale,
          host: c.standIn.host,
          port: c.standIn.port,
        });
        new Logger('WechatPay').log(`WeChat Pay stand-in (simulated, no real money) listening at ${standIn.url}`);
        return standIn;
      },
    },
    {
      provide: WechatPayClient,
      inject: [APP_CONFIG, WECHAT_PAY_STAND_IN, WECHAT_AUTH_CLIENT],
      useFactory: (
        config: AppConfig,
        standIn: WechatPayStandIn | null,
        auth: WechatAuthClient | null,
      ): WechatPayClient => {
        const c = config.wechatPay;
        const logger = new Logger('WechatPayClient');
        if (c.mode === 'live') {
          // 发货信息管理 is a mini-program API: it needs the app's access_token (WECHAT_APP_ID / WECHAT_APP_SECRET).
          const shipping =
            auth && config.wechat
              ? {
                  apiBase: config.wechat.apiBase,
                  withAccessToken: <T>(fn: (token: string) => Promise<T & { errcode?: number }>) =>
                    auth.callWithAccessToken<T>(fn),
                }
              : null;
          return new WechatPayClient({ ...c, shipping }, logger);
        }
        if (c.mode === 'stand-in' && standIn) {
          return new WechatPayClient(
            standIn.clientConfig({ notifyUrl: c.notifyUrl, refundNotifyUrl: c.refundNotifyUrl }),
            logger,
          );
        }
        return WechatPayClient.disabled();
      },
    },
  ],
  exports: [WechatPayClient, WECHAT_PAY_STAND_IN],
})
export class WechatPayModule implements OnApplicationShutdown {
  constructor(@Inject(WECHAT_PAY_STAND_IN) private readonly standIn: WechatPayStandIn | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.standIn?.close();
  }
}
