import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';

interface IProps {
  label: string;
  busy: boolean;
  onSubmit: (reason: string) => Promise<void>;
}

/** 退单 / 业主拒绝报价: a reason is required and recorded on the ticket's timeline. */
export default function ReasonForm({ label, busy, onSubmit }: IProps) {
  const [reason, setReason] = useState('');
  const [hint, setHint] = useState<string | null>(null);

  function submit() {
    if (!reason.trim()) return setHint('请填写原因');
    void onSubmit(reason.trim());
  }

  return (
    <View className="card">
      <Text className="card-title">{label}</Text>
      <View className="job__textarea-box">
        <Textarea
          className="job__textarea"
          placeholder="请填写原因"
          maxlength={200}
          value={reason}
          onInput={(e) => {
            setReason(e.detail.value);
            setHint(null);
          }}
        />
      </View>
      {hint && <Text className="field-error">{hint}</Text>}
      <Button
        className="job__submit job__submit--danger"
        loading={busy || undefined}
        disabled={busy || undefined}
        onClick={submit}
      >
        确认{label}
      </Button>
    </View>
  );
}
