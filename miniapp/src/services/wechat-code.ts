import { ApiError } from './api-error';

/** Outside WeChat (H5) there is no `wx.login`; wechat-code.weapp.ts is the real one. */
export const wechatLoginAvailable = false;

export function getWechatLoginCode(): Promise<string> {
  return Promise.reject(new ApiError('WECHAT_LOGIN_UNAVAILABLE', '请在微信中打开小程序使用微信登录', 0));
}
