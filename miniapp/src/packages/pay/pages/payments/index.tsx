import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, type IPage, type IPayment } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { errorMessage } from '../../../../services/api-error';
import { getMyPayments } from '../../../../services/api/payments';
import { receiptUrl, Routes } from '../../../../routes';
import { formatStamp, mergePages, methodLabel, paidFor, paymentStatusLabel } from '../../utils/format';
import './index.scss';

const PAGE_SIZE = 20;

function PaymentRow({ payment }: { payment: IPayment }) {
  const receiptId = payment.receiptId;
  const open = receiptId ? () => Taro.navigateTo({ url: receiptUrl(receiptId) }) : undefined;
  return (
    <View className="card payments__item" onClick={open}>
      <View className="payments__head">
        <Text className="payments__for">{paidFor(payment.allocations) || '缴费'}</Text>
        <Text className="payments__amount">{formatFen(payment.amountFen)}</Text>
      </View>
      <View className="payments__meta">
        <Text className="muted">
          {formatStamp(payment.paidAt)} · {methodLabel(payment.method)} · {payment.houseLabel}
        </Text>
        <Text className={`payments__status payments__status--${payment.status}`}>
          {paymentStatusLabel(payment.status)}
        </Text>
      </View>
      {payment.refundedFen > 0 && <Text className="payments__refund">已退款 {formatFen(payment.refundedFen)}</Text>}
      {payment.status === 'rejected' && payment.rejectReason && (
        <Text className="field-error">驳回原因：{payment.rejectReason}</Text>
      )}
      {payment.receiptNo && (
        <Text className="payments__receipt">
          收据 {payment.receiptNo}
          {open ? ' ›' : ''}
        </Text>
      )}
    </View>
  );
}

/** 我的 → 缴费记录: every payment of the resident's houses (WeChat Pay and the service centre's desk), newest first. */
export default function Payments() {
  const { state, reload } = useRemoteData<IPage<IPayment>>(() => getMyPayments(1, PAGE_SIZE));
  const [extra, setExtra] = useState<{ first: IPage<IPayment>; pages: IPage<IPayment>[] } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  // Pages loaded with 加载更多 belong to this first page; a reload (pull-down, page shown again) starts over.
  const pages = extra?.first === state.data ? extra.pages : [];
  const items = pages.reduce((all, p) => mergePages(all, p.items), state.data.items);
  const lastPage = pages.length > 0 ? pages[pages.length - 1].page : 1;
  const hasMore = items.length < state.data.total;

  async function loadMore() {
    if (state.status !== 'ready' || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await getMyPayments(lastPage + 1, PAGE_SIZE);
      setExtra({ first: state.data, pages: [...pages, next] });
    } catch (error) {
      setMoreError(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  }

  if (items.length === 0) {
    return (
      <View className="card payments__empty">
        <Text className="card-title">还没有缴费记录</Text>
        <Text className="muted">在小程序或物业服务中心缴费后，记录和收据会显示在这里。</Text>
        <Button className="payments__empty-btn" type="primary" onClick={() => Taro.switchTab({ url: Routes.bills })}>
          查看账单
        </Button>
      </View>
    );
  }

  return (
    <View className="payments">
      {items.map((p) => (
        <PaymentRow key={p.id} payment={p} />
      ))}
      {moreError && <Text className="field-error payments__more-error">{moreError}</Text>}
      {hasMore ? (
        <Button
          className="payments__more"
          loading={loadingMore || undefined}
          disabled={loadingMore || undefined}
          onClick={loadMore}
        >
          加载更多
        </Button>
      ) : (
        <Text className="muted payments__end">共 {state.data.total} 笔</Text>
      )}
    </View>
  );
}
