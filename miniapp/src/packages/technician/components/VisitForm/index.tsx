import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Picker, Text, View } from '@tarojs/components';
import type { ITicket } from '@app/shared';
import { dateStr, defaultVisit, visitAtIso } from '../../utils/job-actions';

interface IProps {
  ticket: Pick<ITicket, 'preferredStart'>;
  /** A pool job: taking it and accepting it are one step, confirmed first. */
  grab: boolean;
  busy: boolean;
  onSubmit: (visitAt: string) => Promise<void>;
}

/** 接单 (or 抢单 + 接单) with the visit time agreed with the resident, pre-filled from their preferred window. */
export default function VisitForm({ ticket, grab, busy, onSubmit }: IProps) {
  const [visit, setVisit] = useState(() => defaultVisit(ticket));
  const [hint, setHint] = useState<string | null>(null);

  async function submit() {
    const at = visitAtIso(visit.date, visit.time);
    if (!at) return setHint('上门时间须晚于现在');
    if (grab) {
      const { confirm } = await Taro.showModal({
        title: '确认抢单',
        content: `抢单后即接单，请于 ${visit.date} ${visit.time} 上门。`,
        confirmText: '确认抢单',
      });
      if (!confirm) return;
    }
    await onSubmit(at);
  }

  return (
    <View className="card">
      <Text className="card-title">约定上门时间</Text>
      {ticket.preferredStart && (
        <Text className="muted job__hint">已按业主期望的上门时段预填，与业主电话确认后可修改。</Text>
      )}
      <View className="job__pickers">
        <Picker
          mode="date"
          value={visit.date}
          start={dateStr(new Date())}
          onChange={(e) => {
            setHint(null);
            setVisit((v) => ({ ...v, date: e.detail.value }));
          }}
        >
          <View className="job__picker">
            <Text>{visit.date}</Text>
          </View>
        </Picker>
        <Picker
          mode="time"
          value={visit.time}
          onChange={(e) => {
            setHint(null);
            setVisit((v) => ({ ...v, time: e.detail.value }));
          }}
        >
          <View className="job__picker">
            <Text>{visit.time}</Text>
          </View>
        </Picker>
      </View>
      {hint && <Text className="field-error">{hint}</Text>}
      <Button
        className="job__submit"
        type="primary"
        loading={busy || undefined}
        disabled={busy || undefined}
        onClick={() => void submit()}
      >
        {grab ? '抢单并接单' : '确认接单'}
      </Button>
    </View>
  );
}
