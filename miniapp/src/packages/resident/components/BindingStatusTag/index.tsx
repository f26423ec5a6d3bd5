import { Text } from '@tarojs/components';
import { BINDING_STATUS_LABELS, type BindingStatus } from '@app/shared';
import './index.scss';

export default function BindingStatusTag({ status }: { status: BindingStatus }) {
  return <Text className={`status-tag status-tag--${status}`}>{BINDING_STATUS_LABELS[status] ?? status}</Text>;
}
