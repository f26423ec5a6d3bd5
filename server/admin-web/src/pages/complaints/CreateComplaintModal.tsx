import {
  COMPLAINT_CATEGORIES,
  type ComplaintCategory,
  type ComplaintChannel,
  type IComplaintDetail,
} from '@app/shared';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { describeError, isApiError } from '../../api/api-error';
import { createComplaint } from '../../api/complaints';
import { PhotoUploader } from '../../components/PhotoUploader';

interface Values {
  category: ComplaintCategory;
  description: string;
  channel: ComplaintChannel;
  contactName?: string;
  contactPhone?: string;
}

/**
 * 登记投诉 on a resident's behalf (phone / walk-in), or from an unsatisfied return visit when `ticket` is given:
 * the request's reporter becomes the complainant and follows it in the mini-program.
 */
export function CreateComplaintModal(props: {
  projectId: number;
  ticket?: { id: number; serial: string; reason?: string };
  onClose(): void;
  onCreated(c: IComplaintDetail): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [mediaIds, setMediaIds] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const fromVisit = props.ticket !== undefined;

  async function submit(values: Values) {
    setSaving(true);
    try {
      const created = await createComplaint({
        ...(props.ticket ? { ticketId: props.ticket.id } : { projectId: props.projectId }),
        category: values.category,
        description: values.description.trim(),
        channel: fromVisit ? 'return_visit' : values.channel,
        contactName: values.contactName?.trim() || null,
        contactPhone: values.contactPhone?.trim() || null,
        mediaIds,
      });
      message.success(`投诉 ${created.number} 已登记`);
      props.onCreated(created);
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length)
        form.setFields(err.fieldErrors.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
      else message.error(describeError(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={fromVisit ? `回访不满意转投诉 · ${props.ticket!.serial}` : '登记投诉'}
      okText="登记"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      data-testid="complaint-create"
    >
      {props.ticket?.reason ? (
        <Typography.Paragraph type="secondary">整改原因：{props.ticket.reason}</Typography.Paragraph>
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          channel: 'phone',
          category: fromVisit ? 'quality' : undefined,
          description: props.ticket?.reason ? `回访不满意：${props.ticket.reason}` : '',
        }}
      >
        <Form.Item name="category" label="投诉类别" rules={[{ required: true, message: '请选择投诉类别' }]}>
          <Select
            options={Object.entries(COMPLAINT_CATEGORIES).map(([value, label]) => ({ value, label }))}
            placeholder="选择类别"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label="投诉内容"
          rules={[
            { required: true, whitespace: true, message: '请填写投诉内容' },
            { max: 1000, message: '投诉内容不能超过 1000 字' },
          ]}
        >
          <Input.TextArea rows={4} showCount maxLength={1000} />
        </Form.Item>
        {!fromVisit ? (
          <Form.Item name="channel" label="来源">
            <Select
              options={[
                { value: 'phone', label: '电话' },
                { value: 'walk_in', label: '来访' },
              ]}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="contactName" label="联系人" rules={[{ max: 32, message: '联系人不能超过 32 字' }]}>
          <Input placeholder={fromVisit ? '默认为报修人' : '投诉人姓名'} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label="联系电话"
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号' }]}
        >
          <Input placeholder={fromVisit ? '默认为报修电话' : '11 位手机号'} />
        </Form.Item>
        <Form.Item label="照片（选填）">
          <PhotoUploader onChange={setMediaIds} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
