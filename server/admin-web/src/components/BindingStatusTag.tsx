import { BINDING_STATUS_LABELS, type BindingStatus } from '@app/shared';
import { Tag } from 'antd';

const COLORS: Record<BindingStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  revoked: 'default',
};

export function BindingStatusTag({ status }: { status: BindingStatus }) {
  return <Tag color={COLORS[status]}>{BINDING_STATUS_LABELS[status] ?? status}</Tag>;
}
