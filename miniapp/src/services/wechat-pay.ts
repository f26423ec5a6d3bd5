import type { IPayOrder } from '@app/shared';
import { ApiError } from './api-error';

/** What happened after handing the order to WeChat Pay; the result page still asks the server either way. */
export type PayLaunch =
  { outcome: 'redirected' } | { outcome: 'done' } | { outcome: 'cancelled' } | { outcome: 'failed'; message: string };

/** Leaves the app for the cashier page (a seam for unit tests: jsdom cannot navigate). */
export const browser = { go: (url: string) => window.location.assign(url) };

/**
 * H5 (the embedded demo) has no `wx.requestPayment`: it goes to the WeChat Pay stand-in's cashier page
 * (docs/wechat-pay.md "How the H5 demo pays"), which sends the browser back to `resultPath` when done. The stand-in
 * appends `errMsg` to the query; the result page never trusts it and waits for the server.
 * wechat-pay.weapp.ts is the real one.
 */
export async function launchPayment(order: IPayOrder, resultPath: string): Promise<PayLaunch> {
  if (!order.standInPayUrl) throw new ApiError('PAY_UNAVAILABLE', '网页版不支持微信支付，请在微信小程序中缴费', 0);
  const back = `${window.location.origin}${window.location.pathname}#${resultPath}`;
  const cashier = new URL(order.standInPayUrl, window.location.href);
  cashier.searchParams.set('redirect', back);
  browser.go(cashier.toString());
  return { outcome: 'redirected' };
}
