import Taro from '@tarojs/taro';
import { ApiError } from './api-error';

export const wechatLoginAvailable = true;

/** A fresh `wx.login` code: valid 5 minutes and for one exchange only, so never cached. */
export async function getWechatLoginCode(): Promise<string> {
  try {
    const { code } = await Taro.login();
    if (code) return code;
  } catch {
    // reported below with the same message as an empty code
  }
  throw new ApiError('WECHAT_LOGIN_FAILED', '微信登录失败，请稍后重试', 0);
}
