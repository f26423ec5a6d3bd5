import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ICharge } from '@app/shared';
import { errorMessage } from '../../../../services/api-error';
import { confirmCharge } from '../../../../services/api/charges';
import { PriceLines } from '../TicketBlocks';

/**
 * 费用（待您确认）: a charge signed for on the technician's phone takes effect only once the resident confirms
 * it here. `onConfirmed` reloads the ticket (the charge then shows 立即支付 or is billed).
 */
export default function PendingCharge({ charge, onConfirmed }: { charge: ICharge; onConfirmed: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await confirmCharge(charge.id);
      void Taro.showToast({ title: '费用已确认', icon: 'success' });
      await onConfirmed();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="card detail__charge">
      <Text className="card-title">费用（待您确认）</Text>
      <Text className="detail__note">
        签字是在师傅手机上完成的，需要您本人确认后费用才会生效；如有疑问请联系客户经理。
      </Text>
      <PriceLines lines={charge.lines} totalFen={charge.totalFen} />
      {error && <Text className="field-error">{error}</Text>}
      <Button
        className="detail__charge-confirm"
        type="primary"
        loading={busy || undefined}
        disabled={busy || undefined}
        onClick={confirm}
      >
        确认费用
      </Button>
    </View>
  );
}
