import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, type IPayOrder } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { ApiError, errorMessage } from '../../../../services/api-error';
import { getMyOrder } from '../../../../services/api/payments';
import { hasSession } from '../../../../services/session';
import { receiptUrl, Routes } from '../../../../routes';
import { formatStamp } from '../../utils/format';
import { cancelledInCashier, POLL, receiptIdOf } from '../../utils/poll';
import './index.scss';

type Phase =
  | { phase: 'checking'; tries: number }
  | { phase: 'paid'; order: IPayOrder; receiptId: number | null }
  | { phase: 'closed'; order: IPayOrder }
  | { phase: 'cancelled'; order: IPayOrder }
  | { phase: 'timeout'; order: IPayOrder | null; error: string | null }
  | { phase: 'guest' }
  | { phase: 'refused'; message: string };

/**
 * Waits for the server's word on the order: 支付成功 only when it says `paid` (learned from WeChat Pay's verified notify
 * or its own order query) — never from the client's requestPayment callback or the cashier's redirect.
 */
export default function PayResult() {
  const { params } = useRouter();
  const id = Number(params.orderId);
  const [round, setRound] = useState(0);
  const [view, setView] = useState<Phase>({ phase: 'checking', tries: 0 });

  useEffect(() => {
    if (!Number.isInteger(id) || id <= 0) return;
    if (!hasSession()) return setView({ phase: 'guest' });
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let tries = 0;
    let last: IPayOrder | null = null;
    let lastError: string | null = null;
    // Only the first look after coming back from the cashier may take its word for a cancel.
    const cancelHint = round === 0 && cancelledInCashier(params.errMsg);
    setView({ phase: 'checking', tries: 0 });

    async function look(): Promise<void> {
      try {
        const order = await getMyOrder(id);
        if (stopped) return;
        last = order;
        lastError = null;
        if (order.status === 'paid') {
          const receiptId = await receiptIdOf(order).catch(() => null);
          if (!stopped) setView({ phase: 'paid', order, receiptId });
          return;
        }
        if (order.status === 'closed') return setView({ phase: 'closed', order });
        if (cancelHint && tries === 0) return setView({ phase: 'cancelled', order });
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiError && error.isUnauthenticated) return setView({ phase: 'guest' });
        // A refusal (not this resident's order, no such order) will not change by asking again.
        if (
          error instanceof ApiError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 408 &&
          error.status !== 429
        )
          return setView({ phase: 'refused', message: error.message });
        lastError = errorMessage(error);
      }
      if (tries >= POLL.delaysMs.length) return setView({ phase: 'timeout', order: last, error: lastError });
      timer = setTimeout(() => void look(), POLL.delaysMs[tries]);
      tries += 1;
      setView({ phase: 'checking', tries });
    }
    void look();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, round, params.errMsg]);

  if (!Number.isInteger(id) || id <= 0) return <StatusView error="支付订单链接无效" />;
  if (view.phase === 'guest') return <SignInPrompt />;

  const again = () => setRound((r) => r + 1);
  const toBills = () => void Taro.switchTab({ url: Routes.bills });
  if (view.phase === 'refused') return <StatusView error={view.message} onRetry={again} />;

  if (view.phase === 'checking') {
    const percent = Math.min(100, Math.round(((view.tries + 1) / (POLL.delaysMs.length + 1)) * 100));
    return (
      <View className="card pay-result">
        <Text className="pay-result__icon pay-result__icon--wait">…</Text>
        <Text className="pay-result__title">正在确认支付结果</Text>
        <Text className="muted pay-result__text">正在向物业服务器查询，请勿重复支付</Text>
        <View className="pay-result__bar">
          <View className="pay-result__bar-fill" style={{ width: `${percent}%` }} />
        </View>
      </View>
    );
  }

  if (view.phase === 'paid') {
    const { order, receiptId } = view;
    return (
      <View className="pay-result-page">
        <View className="card pay-result">
          <Text className="pay-result__icon pay-result__icon--ok">✓</Text>
          <Text className="pay-result__title">支付成功</Text>
          <Text className="pay-result__amount">{formatFen(order.amountFen)}</Text>
          <Text className="muted pay-result__text">{order.description}</Text>
          <View className="pay-result__rows">
            {order.paidAt && (
              <View className="pay-result__row">
                <Text className="muted">支付时间</Text>
                <Text>{formatStamp(order.paidAt)}</Text>
              </View>
            )}
            <View className="pay-result__row">
              <Text className="muted">收据编号</Text>
              <Text className="pay-result__receipt-no">{order.receiptNo ?? '生成中'}</Text>
            </View>
            <View className="pay-result__row">
              <Text className="muted">订单号</Text>
              <Text>{order.outTradeNo}</Text>
            </View>
          </View>
        </View>
        {receiptId !== null ? (
          <View className="card pay-result__link" onClick={() => Taro.navigateTo({ url: receiptUrl(receiptId) })}>
            <Text>查看收据</Text>
            <Text className="pay-result__arrow">›</Text>
          </View>
        ) : (
          <View className="card pay-result__link" onClick={() => Taro.navigateTo({ url: Routes.payments })}>
            <Text>缴费记录</Text>
            <Text className="pay-result__arrow">›</Text>
          </View>
        )}
        <View className="pay-result__actions">
          <Button type="primary" onClick={toBills}>
            返回账单
          </Button>
        </View>
      </View>
    );
  }

  if (view.phase === 'closed' || view.phase === 'cancelled') {
    const closed = view.phase === 'closed';
    return (
      <View className="card pay-result">
        <Text className="pay-result__icon pay-result__icon--off">!</Text>
        <Text className="pay-result__title">{closed ? '订单已关闭' : '已取消支付'}</Text>
        <Text className="muted pay-result__text">
          {closed ? '该订单已超时关闭，未扣款。如需缴费，请重新发起支付。' : '本次未完成支付，账单仍待缴。'}
        </Text>
        <View className="pay-result__actions">
          {!closed && <Button onClick={again}>重新查询</Button>}
          <Button type="primary" onClick={toBills}>
            返回账单
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="card pay-result">
      <Text className="pay-result__icon pay-result__icon--off">?</Text>
      <Text className="pay-result__title">暂未查询到支付结果</Text>
      <Text className="muted pay-result__text">
        如您已在微信中完成支付，到账确认可能稍有延迟，请稍后重新查询，不要重复支付。
      </Text>
      {view.error && <Text className="field-error">{view.error}</Text>}
      {view.order && (
        <Text className="muted pay-result__text">订单金额 {formatFen(view.order.amountFen)}，状态：待支付</Text>
      )}
      <View className="pay-result__actions">
        <Button type="primary" onClick={again}>
          重新查询
        </Button>
        <Button onClick={toBills}>返回账单</Button>
      </View>
    </View>
  );
}
