import { Form, Input, Modal, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';

/**
 * Asks for a written reason (驳回 / 退款原因) before an action; the server keeps it with the decision.
 * The caller's onSubmit reports its own errors (the modal stays open when it throws).
 */
export function ReasonModal({
  open,
  title,
  intro,
  okText,
  danger,
  label = '原因',
  placeholder,
  quickReasons = [],
  children,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  intro?: ReactNode;
  okText: string;
  danger?: boolean;
  /** The field's label, e.g. 驳回原因. */
  label?: string;
  placeholder?: string;
  /** One-tap reasons that fill the field (still editable). */
  quickReasons?: readonly string[];
  /** Extra fields above the reason (e.g. the refund amount). */
  children?: ReactNode;
  onCancel(): void;
  onSubmit(reason: string): Promise<void>;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  async function submit() {
    // An empty reason is shown under the field; validateFields' rejection must not escape as a page error.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { reason } = values;
    setSubmitting(true);
    try {
      await onSubmit(reason.trim());
    } catch {
      // the caller has shown the error; keep the reason so the person can retry
    } finally {
      setSubmitting(false);
    }
  }
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: submitting, id: 'reason-ok' }}
      onOk={submit}
      onCancel={onCancel}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      {intro ? <Typography.Paragraph>{intro}</Typography.Paragraph> : null}
      {children}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            { max: 200, message: `${label}不超过 200 字` },
          ]}
        >
          <Input.TextArea rows={3} showCount maxLength={200} placeholder={placeholder} data-testid="reason-input" />
        </Form.Item>
      </Form>
      {quickReasons.length ? (
        <div className="toolbar">
          {quickReasons.map((reason) => (
            <Tag.CheckableTag key={reason} checked={false} onChange={() => form.setFieldsValue({ reason })}>
              {reason}
            </Tag.CheckableTag>
          ))}
        </div>
      ) : null}
    </Modal>
  );
}
