import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { INVOICE_STATUS_LABELS, formatFen, type IInvoiceRequest, type IInvoiceTitle, type IPayment } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { errorMessage } from '../../../../services/api-error';
import {
  getMyInvoiceTitles,
  getMyInvoices,
  getMyPaymentsForInvoice,
  myInvoicePdfPath,
  requestInvoice,
} from '../../../../services/api/prepay';
import { Routes } from '../../../../routes';
import { openAuthorizedPdf } from '../../../../utils/authorized-pdf';
import { formatDay } from '../../../../utils/bills';
import { invoiceablePayments, paymentLine } from '../../utils/prepay-view';
import './index.scss';

interface IInvoicesData {
  titles: IInvoiceTitle[];
  requests: IInvoiceRequest[];
  open: IPayment[];
}

function RequestRow({ request }: { request: IInvoiceRequest }) {
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      await openAuthorizedPdf(myInvoicePdfPath(request.id), `发票${request.invoiceNo ?? request.id}.pdf`);
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className="invoice__row">
      <View className="invoice__row-main">
        <Text>
          {request.title.name} · {formatFen(request.amountFen)}
        </Text>
        <Text className="muted">
          {request.houseLabel} · 申请于 {formatDay(request.createdAt)}
        </Text>
        {request.invoiceNo && <Text className="muted">发票号码 {request.invoiceNo}</Text>}
        {request.rejectReason && <Text className="danger">驳回原因：{request.rejectReason}</Text>}
      </View>
      <View className="invoice__row-side">
        <Text className={`invoice__status invoice__status--${request.status}`}>
          {INVOICE_STATUS_LABELS[request.status]}
        </Text>
        {request.hasPdf && (
          <Button size="mini" loading={busy || undefined} onClick={download}>
            下载 PDF
          </Button>
        )}
      </View>
    </View>
  );
}

/** 我的发票: ask for an invoice over paid (confirmed) payments, follow the requests, download issued PDFs. */
export default function Invoices() {
  const { state, reload } = useRemoteData(async (): Promise<IInvoicesData> => {
    const [titles, requests, payments] = await Promise.all([
      getMyInvoiceTitles(),
      getMyInvoices(),
      getMyPaymentsForInvoice(),
    ]);
    return { titles, requests, open: invoiceablePayments(payments.items, requests) };
  });
  const [picked, setPicked] = useState<number[]>([]);
  const [titleId, setTitleId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;
  const { titles, requests, open } = state.data;
  const title = titles.find((t) => t.id === titleId) ?? titles.find((t) => t.isDefault) ?? titles[0];
  const chosen = open.filter((p) => picked.includes(p.id));
  // One request covers one house (a title per house is what the tax office expects).
  const house = chosen[0]?.houseId;

  const toggle = (p: IPayment) => {
    setError(null);
    setPicked((ids) =>
      ids.includes(p.id)
        ? ids.filter((id) => id !== p.id)
        : [...ids.filter((id) => open.find((o) => o.id === id)?.houseId === p.houseId), p.id],
    );
  };

  async function submit() {
    if (sending || !title || chosen.length === 0) return;
    setSending(true);
    setError(null);
    try {
      await requestInvoice(
        title.id,
        chosen.map((p) => p.id),
      );
      setPicked([]);
      void Taro.showToast({ title: '已提交申请', icon: 'success' });
      await reload();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSending(false);
    }
  }

  return (
    <View className="invoice">
      <View className="card">
        <Text className="card-title">申请发票</Text>
        {open.length === 0 ? (
          <Text className="muted">
            没有可开票的缴费记录（已入账、未申请过发票的缴费可以开票；预存抵扣的账单在预存充值时开票）。
          </Text>
        ) : (
          <>
            <Text className="muted">选择同一房屋的缴费记录：</Text>
            {open.map((p) => (
              <View
                key={p.id}
                className={`invoice__pick${picked.includes(p.id) ? ' invoice__pick--on' : ''}${house && p.houseId !== house ? ' invoice__pick--other' : ''}`}
                onClick={() => toggle(p)}
              >
                <Text>{paymentLine(p)}</Text>
                <Text className="muted">
                  {formatDay(p.paidAt)}
                  {p.receiptNo ? ` · 收据 ${p.receiptNo}` : ''}
                </Text>
              </View>
            ))}
            <Text className="invoice__label">发票抬头</Text>
            {titles.length === 0 ? (
              <Button size="mini" onClick={() => Taro.navigateTo({ url: Routes.invoiceTitles })}>
                先添加发票抬头
              </Button>
            ) : (
              <View className="invoice__kinds">
                {titles.map((t) => (
                  <View
                    key={t.id}
                    className={`invoice__kind${title?.id === t.id ? ' invoice__kind--on' : ''}`}
                    onClick={() => setTitleId(t.id)}
                  >
                    <Text>{t.name}</Text>
                  </View>
                ))}
              </View>
            )}
            {error && <Text className="field-error">{error}</Text>}
            <Button
              type="primary"
              className="invoice__action"
              disabled={!title || chosen.length === 0 || sending || undefined}
              loading={sending || undefined}
              onClick={submit}
            >
              {chosen.length > 0
                ? `申请开票（${formatFen(chosen.reduce((s, p) => s + p.amountFen - p.refundedFen, 0))}）`
                : '申请开票'}
            </Button>
          </>
        )}
        <Text className="link invoice__manage" onClick={() => Taro.navigateTo({ url: Routes.invoiceTitles })}>
          管理发票抬头 ›
        </Text>
      </View>

      <View className="card">
        <Text className="card-title">开票记录</Text>
        {requests.length === 0 ? (
          <Text className="muted">还没有发票申请</Text>
        ) : (
          requests.map((r) => <RequestRow key={r.id} request={r} />)
        )}
      </View>
    </View>
  );
}
