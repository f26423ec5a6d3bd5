import { Button, Text, View } from '@tarojs/components';
import { formatFen, type IPayables } from '@app/shared';
import { usePay } from '../../hooks/use-pay';
import './index.scss';

/**
 * 一键缴清: every open bill and charge of the house, oldest first, in one WeChat Pay order. `payables` null: the
 * open items could not be read (the bills above still show); the card says so instead of offering a wrong amount.
 */
export default function PayAllCard({ payables, onRetry }: { payables: IPayables | null; onRetry: () => void }) {
  const { pay, busy, error } = usePay();
  if (!payables) {
    return (
      <View className="card pay-all">
        <Text className="muted">待缴金额暂时无法获取</Text>
        <Button className="pay-all__retry" size="mini" onClick={onRetry}>
          重试
        </Button>
      </View>
    );
  }
  const items = payables.items.filter((i) => i.balanceFen > 0);
  if (items.length === 0) return null;
  const total = items.reduce((sum, i) => sum + i.balanceFen, 0);
  return (
    <View className="card pay-all">
      <View className="pay-all__head">
        <Text className="pay-all__title">待缴 {items.length} 项</Text>
        <Text className="pay-all__total">{formatFen(total)}</Text>
      </View>
      {items.map((i) => (
        <View key={`${i.kind}-${i.id}`} className="pay-all__item">
          <Text className="muted">{i.title}</Text>
          <Text className="muted">{formatFen(i.balanceFen)}</Text>
        </View>
      ))}
      {error && <Text className="field-error">{error}</Text>}
      <Button
        className="pay-all__btn"
        type="primary"
        loading={busy || undefined}
        disabled={busy || undefined}
        onClick={() => void pay({ houseId: payables.houseId, targets: items.map((i) => ({ kind: i.kind, id: i.id })) })}
      >
        一键缴清 {formatFen(total)}
      </Button>
    </View>
  );
}
