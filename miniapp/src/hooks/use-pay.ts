import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { ICreatePayOrderRequest } from '@app/shared';
import { errorMessage } from '../services/api-error';
import { createPayOrder, newPayKey } from '../services/api/payments';
import { launchPayment } from '../services/wechat-pay';
import { payResultUrl } from '../routes';

export type PayRequest = Omit<ICreatePayOrderRequest, 'idempotencyKey'>;

/**
 * One pay button: creates the WeChat Pay order and hands it to WeChat Pay (weapp) or the stand-in's cashier (H5), then
 * opens the result page, which waits for the server. The idempotency key is made per attempt and kept while that
 * attempt fails and is tapped again (same items), so a double tap or a retry after a lost answer is one order; once an
 * order came back, the next tap is a new attempt with a new key.
 */
export function usePay(): { pay: (request: PayRequest) => Promise<void>; busy: boolean; error: string | null } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const attempt = useRef<{ what: string; key: string } | null>(null);

  async function pay(request: PayRequest): Promise<void> {
    if (inFlight.current) return;
    const what = JSON.stringify(request);
    if (attempt.current?.what !== what) attempt.current = { what, key: newPayKey() };
    const idempotencyKey = attempt.current.key;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      const order = await createPayOrder({ ...request, idempotencyKey });
      attempt.current = null;
      const resultUrl = payResultUrl(order.id);
      if (order.status !== 'created') {
        // Paid meanwhile (another tap, another device) or closed: the result page says which.
        await Taro.navigateTo({ url: resultUrl });
        return;
      }
      const launched = await launchPayment(order, resultUrl);
      if (launched.outcome === 'cancelled') void Taro.showToast({ title: '已取消支付', icon: 'none' });
      else if (launched.outcome !== 'redirected') await Taro.navigateTo({ url: resultUrl });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  return { pay, busy, error };
}
