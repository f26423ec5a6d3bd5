import { Button, Text, View } from '@tarojs/components';
import { PAYMENT_METHOD_LABELS, formatFen, type ICharge } from '@app/shared';
import { usePay } from '../../../../hooks/use-pay';
import { PriceLines } from '../TicketBlocks';

/** A charge can be paid on its own while it is open and confirmed (not yet on a bill; unconfirmed ones never). */
export function chargePayable(charge: ICharge): boolean {
  return (
    charge.status === 'open' && charge.confirmation === 'confirmed' && charge.houseId !== null && charge.totalFen > 0
  );
}

/** 立即支付 of one charge: first for 在线支付, offered as well for any open charge waiting for the monthly bill. */
export default function ChargePay({ charge }: { charge: ICharge }) {
  const { pay, busy, error } = usePay();
  const payNow = charge.paymentMethod === 'pay_now';
  return (
    <View className="card detail__charge">
      <Text className="card-title">费用（待支付）</Text>
      <Text className="detail__note">
        {payNow
          ? '您选择了在线支付，请尽快完成支付。'
          : `支付方式：${PAYMENT_METHOD_LABELS[charge.paymentMethod] ?? charge.paymentMethod}；也可以现在在线支付，支付后不再计入账单。`}
      </Text>
      <PriceLines lines={charge.lines} totalFen={charge.totalFen} />
      {error && <Text className="field-error">{error}</Text>}
      <Button
        className="detail__charge-pay"
        type="primary"
        loading={busy || undefined}
        disabled={busy || undefined}
        onClick={() => void pay({ houseId: charge.houseId as number, targets: [{ kind: 'charge', id: charge.id }] })}
      >
        立即支付 {formatFen(charge.totalFen)}
      </Button>
    </View>
  );
}
