/** Injection token for the in-process WeChat Pay stand-in (WechatPayStandIn); null unless WECHATPAY_MODE=stand-in. */
export const WECHAT_PAY_STAND_IN = Symbol('WECHAT_PAY_STAND_IN');
