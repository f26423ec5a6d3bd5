import { WechatPayClient, WechatPayError } from '../../src/modules/wechat-pay/wechat-pay.client';
import { startWechatPayStandIn, type WechatPayStandIn } from '../stand-ins/wechatpay-stand-in';
import { startNotifyReceiver, type NotifyReceiver } from './wechat-pay-helpers';

export interface ClientSuite {
  wx: WechatPayStandIn;
  receiver: NotifyReceiver;
  /** A fresh client per test (public-key serial mode, warnings collected). */
  client: WechatPayClient;
  warnings: Array<{ obj: object; msg: string }>;
  prepay(no: string, amountFen?: number, extra?: { description?: string }): Promise<{ prepayId: string }>;
  rejection(p: Promise<unknown>): Promise<WechatPayError>;
}

/**
 * The WeChat Pay client against the stand-in over real HTTP (docs wechat.md §A7, docs/wechat-pay.md): registers the
 * describe block's hooks (one stand-in and notify receiver per file, a fresh client per test) and gives its parts.
 */
export function wechatPayClientSuite(): ClientSuite {
  const s = { warnings: [] } as unknown as ClientSuite;
  beforeAll(async () => {
    s.wx = await startWechatPayStandIn({ retryScale: 0.001, userPayingMs: 1_500, refundDelayMs: 10 });
    s.receiver = await startNotifyReceiver(() => s.client);
  });
  afterAll(async () => {
    await s.wx.close();
    await s.receiver.close();
  });
  beforeEach(() => {
    s.warnings = [];
    s.wx.setSerialMode('public-key');
    s.client = new WechatPayClient(
      s.wx.clientConfig({
        notifyUrl: s.receiver.url,
        refundNotifyUrl: s.receiver.url.replace('notify', 'refund-notify'),
      }),
      { warn: (obj, msg) => s.warnings.push({ obj, msg }) },
    );
    s.receiver.received.length = 0;
  });

  // time_expire cannot change for an out_trade_no (§A7.1), so each order keeps the one it was first given.
  const expiries = new Map<string, Date>();
  s.prepay = (no, amountFen = 129120, extra = {}) => {
    if (!expiries.has(no)) expiries.set(no, new Date(Date.now() + 3600_000));
    return s.client.prepayJsapi({
      description: extra.description ?? '物业费-3栋1201-2026年11月',
      outTradeNo: no,
      amountFen,
      payerOpenid: 'o-resident-1',
      timeExpire: expiries.get(no)!,
      attach: 'bill:42',
    });
  };
  s.rejection = async (p) => {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(WechatPayError);
      return e as WechatPayError;
    }
    throw new Error('expected a WechatPayError');
  };
  return s;
}
