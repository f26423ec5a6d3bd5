import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { errorMessage } from '../../../../services/api-error';
import { getMyReceipt, myReceiptPdfPath } from '../../../../services/api/payments';
import { openAuthorizedPdf } from '../../../../utils/authorized-pdf';
import { formatStamp, methodLabel, paymentStatusLabel } from '../../utils/format';
import './index.scss';

/** One receipt (收据): number, house, what was paid for and how; its PDF is the printable copy. */
export default function Receipt() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { state, reload } = useRemoteData(() => getMyReceipt(id));
  const [opening, setOpening] = useState(false);
  const [pdfError, setPdfError] = useState<string | null>(null);

  if (!Number.isInteger(id) || id <= 0) return <StatusView error="收据链接无效" />;
  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  const receipt = state.data;

  async function openPdf() {
    if (opening) return;
    setOpening(true);
    setPdfError(null);
    try {
      await openAuthorizedPdf(myReceiptPdfPath(receipt.id), `收据${receipt.number}.pdf`);
    } catch (error) {
      setPdfError(errorMessage(error));
    } finally {
      setOpening(false);
    }
  }

  return (
    <View className="receipt">
      <View className="card receipt__head">
        <Text className="receipt__title">收据</Text>
        <Text className="receipt__no">No. {receipt.number}</Text>
        <Text className="receipt__total">{formatFen(receipt.totalFen)}</Text>
        <Text className="muted">{receipt.houseLabel}</Text>
        <Text className="muted">
          开具时间 {formatStamp(receipt.issuedAt)}
          {receipt.issuedByName ? ` · ${receipt.issuedByName}` : ''}
        </Text>
      </View>

      <View className="card">
        <Text className="card-title">缴费项目</Text>
        {receipt.allocations.map((a, i) => (
          <View key={`${a.kind}-${a.targetId}-${i}`} className="receipt__row">
            <Text>{a.title}</Text>
            <Text>{formatFen(a.amountFen)}</Text>
          </View>
        ))}
        <View className="receipt__row receipt__sum">
          <Text>合计</Text>
          <Text>{formatFen(receipt.totalFen)}</Text>
        </View>
      </View>

      <View className="card">
        <Text className="card-title">支付方式</Text>
        {receipt.payments.map((p) => (
          <View key={p.id} className="receipt__row">
            <Text>
              {methodLabel(p.method)}
              {p.status !== 'confirmed' ? `（${paymentStatusLabel(p.status)}）` : ''}
            </Text>
            <Text>{formatFen(p.amountFen)}</Text>
          </View>
        ))}
      </View>

      <View className="receipt__actions">
        {pdfError && <Text className="field-error">{pdfError}</Text>}
        <Button type="primary" loading={opening || undefined} disabled={opening || undefined} onClick={openPdf}>
          下载收据（PDF）
        </Button>
      </View>
    </View>
  );
}
