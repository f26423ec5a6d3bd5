import { ErrorCode, formatFen, formatQuantity, type ICharge } from '@app/shared';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/api-error';
import { recordPhoneConfirmation } from '../../api/charges';
import { PHONE_NOTE_MAX, phoneConfirmErrorMessage, validatePhoneNote } from './confirmation-logic';

/** 记录电话确认: the customer manager called the resident, who confirmed the charge; the note is audited. */
export function PhoneConfirmModal(props: { charge: ICharge; onClose(): void; onDone(updated: ICharge | null): void }) {
  const { charge } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ note }: { note: string }) {
    setSaving(true);
    setError(null);
    try {
      const updated = await recordPhoneConfirmation(charge.id, note.trim());
      message.success(`已记录业主电话确认 ${formatFen(charge.totalFen)}`);
      props.onDone(updated);
    } catch (err) {
      if (isApiError(err, ErrorCode.StateConflict)) {
        // Already confirmed (by the resident in the app, or a colleague): nothing left to record.
        message.warning(phoneConfirmErrorMessage(err));
        props.onDone(null);
        return;
      }
      setError(phoneConfirmErrorMessage(err));
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`记录电话确认 · ${formatFen(charge.totalFen)}`}
      okText="确认已电话确认"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      data-testid="phone-confirm-modal"
    >
      <Typography.Paragraph type="secondary">
        {charge.houseLabel ?? '—'} · {charge.ticketSerial ?? `费用 #${charge.id}`}：
        {charge.lines.map((l) => `${l.name} × ${formatQuantity(l.quantityMilli)}${l.unit}`).join('；')}。
        请先致电业主核对金额，业主同意后再记录；记录写入审计日志。
      </Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="phone-confirm-error" />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="note"
          label="确认情况"
          rules={[
            {
              validator: (_, v: string | undefined) => {
                const m = validatePhoneNote(v);
                return m ? Promise.reject(new Error(m)) : Promise.resolve();
              },
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={PHONE_NOTE_MAX}
            showCount
            placeholder="例如：11月22日 15:10 致电业主本人，确认上门费 ¥10.00"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
