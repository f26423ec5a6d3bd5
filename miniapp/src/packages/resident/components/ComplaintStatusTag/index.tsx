import { Text } from '@tarojs/components';
import { COMPLAINT_STATUS_LABELS, type ComplaintStatus } from '@app/shared';

/** Orange = waiting for the resident (确认结果), red = disputed, blue = being handled, grey = closed. */
const TONE: Record<ComplaintStatus, 'blue' | 'orange' | 'red' | 'grey'> = {
  open: 'blue',
  contacted: 'blue',
  resolved: 'orange',
  disputed: 'red',
  closed: 'grey',
};

export default function ComplaintStatusTag({ status }: { status: ComplaintStatus }) {
  return <Text className={`cp__tag cp__tag--${TONE[status]}`}>{COMPLAINT_STATUS_LABELS[status]}</Text>;
}
