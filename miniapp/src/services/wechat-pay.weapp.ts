import Taro from '@tarojs/taro';
import type { IPayOrder } from '@app/shared';
import { ApiError } from './api-error';
import type { PayLaunch } from './wechat-pay';

export type { PayLaunch } from './wechat-pay';

/**
 * `wx.requestPayment` with the server's signed parameters (wechat.md §A7.2). Its success callback is NOT proof of
 * payment: the result page waits for the server, which learns it from WeChat Pay's verified notify or a query.
 */
export async function launchPayment(order: IPayOrder, _resultPath: string): Promise<PayLaunch> {
  const params = order.payParams;
  if (!params) throw new ApiError('PAY_UNAVAILABLE', '暂时无法发起微信支付，请稍后重试', 0);
  try {
    await Taro.requestPayment({ ...params });
    return { outcome: 'done' };
  } catch (error) {
    const errMsg = String((error as { errMsg?: string })?.errMsg ?? '');
    if (/cancel/i.test(errMsg)) return { outcome: 'cancelled' };
    return { outcome: 'failed', message: '微信支付未完成，请稍后重试' };
  }
}
