/** Injection token for the WechatAuthClient; null when no WeChat app is configured. */
export const WECHAT_AUTH_CLIENT = Symbol('WECHAT_AUTH_CLIENT');
