import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { TicketAction, type ITicket } from '@app/shared';
import { errorMessage } from '../../../../services/api-error';
import { cancelTicket, declineQuote, requestRework } from '../../../../services/api/tickets';
import { REASON_MAX, REASON_PROMPTS, validateReason } from '../../utils/ticket-actions';

const REASON_CALLS: Partial<Record<TicketAction, (id: number, reason: string) => Promise<ITicket>>> = {
  cancel: cancelTicket,
  decline_quote: declineQuote,
  request_rework: requestRework,
};

interface IProps {
  ticketId: number;
  action: TicketAction;
  onClose: () => void;
  /** After the call, sent or refused: the ticket is reloaded either way (its state may have moved on). */
  onSettled: () => Promise<void>;
}

/** The reason card of 取消 / 拒绝报价 / 申请返修: the reason is checked here, then sent with the action. */
export default function ReasonPrompt({ ticketId, action, onClose, onSettled }: IProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prompt = REASON_PROMPTS[action];
  const call = REASON_CALLS[action];
  if (!prompt || !call) return null;

  async function confirm() {
    if (busy || !call) return;
    const invalid = validateReason(reason);
    if (invalid) return setError(invalid);
    setBusy(true);
    try {
      await call(ticketId, reason.trim());
      onClose();
      void Taro.showToast({ title: '已提交', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      await onSettled();
    }
  }

  return (
    <View className="card detail__reason">
      <Text className="card-title">{prompt.title}</Text>
      <Textarea
        className="detail__reason-input"
        placeholder={prompt.placeholder}
        maxlength={REASON_MAX}
        value={reason}
        onInput={(e) => {
          setReason(e.detail.value);
          setError(null);
        }}
      />
      {error && <Text className="field-error">{error}</Text>}
      <View className="detail__reason-actions">
        <Button className="detail__btn" onClick={onClose}>
          再想想
        </Button>
        <Button
          className="detail__btn detail__btn--danger"
          loading={busy || undefined}
          disabled={busy || undefined}
          onClick={confirm}
        >
          {prompt.confirm}
        </Button>
      </View>
    </View>
  );
}
