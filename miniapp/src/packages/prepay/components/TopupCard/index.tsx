import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { PayRequest } from '../../../../hooks/use-pay';
import { parseTopupYuan } from '../../utils/prepay-view';
import './index.scss';

/**
 * 预存充值: an amount of the resident's choosing, paid through the page's pay hook (the same WeChat Pay order flow
 * and result page as a bill; `createOrder` with `topupFen`). The money lands in the account when WeChat's
 * notification reaches the server.
 */
export default function TopupCard({
  houseId,
  pay,
  busy,
  error,
}: {
  houseId: number;
  pay: (r: PayRequest) => Promise<void>;
  busy: boolean;
  error: string | null;
}) {
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function topUp() {
    const parsed = parseTopupYuan(amount);
    if (!parsed.ok) return setProblem(parsed.message);
    setProblem(null);
    void pay({ houseId, topupFen: parsed.fen });
  }

  return (
    <View className="card topup">
      <Text className="card-title">预存充值</Text>
      <View className="topup__row">
        <Text className="topup__unit">¥</Text>
        <Input
          className="topup__input"
          type="digit"
          placeholder="输入预存金额（元）"
          maxlength={10}
          value={amount}
          onInput={(e) => setAmount(e.detail.value)}
        />
        <Button
          className="topup__btn"
          type="primary"
          size="mini"
          loading={busy || undefined}
          disabled={busy || undefined}
          onClick={topUp}
        >
          微信支付预存
        </Button>
      </View>
      {(problem ?? error) && <Text className="field-error">{problem ?? error}</Text>}
      <Text className="muted topup__hint">支付成功后金额计入预存账户，账单发布后自动抵扣。</Text>
    </View>
  );
}
