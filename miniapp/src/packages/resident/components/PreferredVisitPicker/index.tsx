import { Picker, Text, View } from '@tarojs/components';
import { TIME_WINDOWS, preferredDateRange, type IReportDraft, type TimeWindowKey } from '../../utils/ticket-form';

interface IProps {
  date: string;
  window: TimeWindowKey | null;
  error?: string;
  onChange: (patch: Partial<Pick<IReportDraft, 'preferredDate' | 'preferredWindow'>>) => void;
}

/** 期望上门时间 on the report form: a date within the next 30 days and a time window; both or neither. Styled by the report page. */
export default function PreferredVisitPicker({ date, window, error, onChange }: IProps) {
  const dates = preferredDateRange();
  const windowIndex = TIME_WINDOWS.findIndex((w) => w.key === window);
  return (
    <View className="card">
      <Text className="card-title">
        期望上门时间 <Text className="muted">（选填）</Text>
      </Text>
      <View className="report__segments">
        <Picker
          mode="date"
          value={date || dates.start}
          start={dates.start}
          end={dates.end}
          onChange={(e) => onChange({ preferredDate: e.detail.value })}
        >
          <View className={`report__picker${date ? ' report__picker--on' : ''}`}>
            <Text>{date || '选择日期'}</Text>
          </View>
        </Picker>
        <Picker
          mode="selector"
          range={TIME_WINDOWS.map((w) => w.label)}
          value={windowIndex < 0 ? 0 : windowIndex}
          onChange={(e) => onChange({ preferredWindow: TIME_WINDOWS[Number(e.detail.value)].key })}
        >
          <View className={`report__picker${window ? ' report__picker--on' : ''}`}>
            <Text>{windowIndex < 0 ? '选择时段' : TIME_WINDOWS[windowIndex].label}</Text>
          </View>
        </Picker>
      </View>
      {(date || window) && (
        <Text className="report__link" onClick={() => onChange({ preferredDate: '', preferredWindow: null })}>
          不指定时间
        </Text>
      )}
      {error && <Text className="field-error">{error}</Text>}
    </View>
  );
}
