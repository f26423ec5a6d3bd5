import type { IBinding } from '@app/shared';
import { Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';

const QUICK_REASONS = ['信息与房屋档案不符', '无法联系申请人核实', '业主未同意该申请', '请上传有效的产权或租赁证明'];

interface Props {
  binding: IBinding | null;
  onCancel(): void;
  onSubmit(reason: string): Promise<void>;
}

export function RejectModal({ binding, onCancel, onSubmit }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);

  async function submit() {
    const { reason } = await form.validateFields();
    setSubmitting(true);
    try {
      await onSubmit(reason.trim());
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={binding !== null}
      title="驳回认证申请"
      okText="确认驳回"
      okButtonProps={{ danger: true, loading: submitting }}
      onOk={submit}
      onCancel={onCancel}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      {binding ? (
        <Typography.Paragraph>
          {binding.name} 申请认证 <strong>{binding.houseLabel}</strong>。驳回原因会通知申请人，请写清楚如何补正。
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label="驳回原因"
          rules={[
            { required: true, whitespace: true, message: '请填写驳回原因' },
            { max: 200, message: '不超过 200 字' },
          ]}
        >
          <Input.TextArea rows={3} showCount maxLength={200} placeholder="例如：姓名与产权信息不一致，请核对后重新提交" />
        </Form.Item>
      </Form>
      <div className="toolbar">
        {QUICK_REASONS.map((reason) => (
          <Tag.CheckableTag key={reason} checked={false} onChange={() => form.setFieldsValue({ reason })}>
            {reason}
          </Tag.CheckableTag>
        ))}
      </div>
    </Modal>
  );
}
