import { CHARGE_STATUS_LABELS, formatFen, PAYMENT_METHOD_LABELS, type ITicket, type Role } from '@app/shared';
import { Alert, Button, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { getCharge } from '../../api/charges';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { canRecordPhoneConfirmation, confirmationView } from '../charges/confirmation-logic';
import { PhoneConfirmModal } from '../charges/PhoneConfirmModal';

/** The ticket's charge: 未确认 until the resident confirms; the customer manager may record a phone confirmation. */
export function ChargeSection(props: {
  chargeId: number;
  confirmation: ITicket['chargeConfirmation'];
  roles: readonly Role[];
  onChanged(): void;
}) {
  // Reload when the ticket's view of the confirmation changes (e.g. the resident confirmed in the app meanwhile).
  const charge = useAsync(() => getCharge(props.chargeId), [props.chargeId, props.confirmation]);
  const [confirming, setConfirming] = useState(false);
  const c = charge.data;
  if (charge.error && !c) return <ErrorState error={charge.error} onRetry={charge.reload} title="费用加载失败" />;
  if (!c) return <Skeleton active paragraph={{ rows: 1 }} />;
  const view = confirmationView(c);
  return (
    <div data-testid="ticket-charge">
      <Typography.Title level={5}>费用</Typography.Title>
      {c.confirmation === 'unconfirmed' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`未确认：${view.detail}`} />
      ) : null}
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="金额">
          <span className="money">{formatFen(c.totalFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          {CHARGE_STATUS_LABELS[c.status]} · {PAYMENT_METHOD_LABELS[c.paymentMethod]}
        </Descriptions.Item>
        <Descriptions.Item label="业主确认" span={2}>
          <Space wrap>
            <Tag color={view.color} data-testid="ticket-charge-confirmation">
              {view.label}
            </Tag>
            {c.confirmation === 'confirmed' && view.detail ? (
              <Typography.Text type="secondary">
                {view.detail}
                {c.confirmedAt ? ` · ${formatDateTime(c.confirmedAt)}` : ''}
              </Typography.Text>
            ) : null}
            {c.confirmationNote ? <Typography.Text type="secondary">“{c.confirmationNote}”</Typography.Text> : null}
            {canRecordPhoneConfirmation(c, props.roles) ? (
              <Button size="small" type="primary" onClick={() => setConfirming(true)}>
                记录电话确认
              </Button>
            ) : null}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {confirming ? (
        <PhoneConfirmModal
          charge={c}
          onClose={() => setConfirming(false)}
          onDone={() => {
            setConfirming(false);
            charge.reload();
            props.onChanged();
          }}
        />
      ) : null}
    </div>
  );
}
