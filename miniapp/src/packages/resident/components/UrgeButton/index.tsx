import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ITicketUrge } from '@app/shared';
import { errorMessage } from '../../../../services/api-error';
import { urgeTicket } from '../../../../services/api/complaints';
import { formatDateTime } from '../../../../utils/ticket-format';

/** 催一下: once an hour per request; the server decides (429 says when), the button only shows the last answer. */
export default function UrgeButton({
  ticketId,
  state,
  onUrged,
}: {
  ticketId: number;
  state: ITicketUrge;
  onUrged: () => Promise<void> | void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const waiting = state.nextUrgeAt !== null && new Date(state.nextUrgeAt).getTime() > Date.now();

  async function urge() {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      await urgeTicket(ticketId);
      void Taro.showToast({ title: '已提醒客户经理', icon: 'success' });
      await onUrged();
    } catch (error) {
      setMessage(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="detail__urge">
      <Button
        className="detail__btn"
        size="mini"
        type="primary"
        loading={busy || undefined}
        disabled={busy || waiting || undefined}
        onClick={urge}
      >
        催一下
      </Button>
      {state.count > 0 && (
        <Text className="muted">
          已催 {state.count} 次{waiting ? `，${formatDateTime(state.nextUrgeAt)} 后可再催` : ''}
        </Text>
      )}
      {message && <Text className="field-error">{message}</Text>}
    </View>
  );
}
