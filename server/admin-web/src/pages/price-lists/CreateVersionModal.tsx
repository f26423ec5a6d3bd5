import type { IPriceListVersion, PriceListKind } from '@app/shared';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { createPriceList } from '../../api/catalog';
import { defaultCopySource, KIND_LABELS, priceListErrorMessage, statusLabel } from './price-logic';

interface FormValues {
  title: string;
  copyFrom: number | 'none';
  notes?: string;
}

/** New draft; by default a copy of the version in force, so a revision starts from today's prices. */
export function CreateVersionModal(props: {
  kind: PriceListKind;
  companyId: number;
  versions: IPriceListVersion[];
  onClose(): void;
  onCreated(version: IPriceListVersion): void;
}) {
  const { kind, companyId, versions, onClose, onCreated } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const source = defaultCopySource(versions);
  const year = new Date().getFullYear();

  async function submit(values: FormValues) {
    setSaving(true);
    try {
      const created = await createPriceList({
        kind,
        companyId,
        title: values.title.trim(),
        copyFromVersionId: values.copyFrom === 'none' ? null : values.copyFrom,
        notes: values.notes?.trim() || null,
      });
      message.success(`已创建草稿 V${created.versionNo}`);
      onCreated(created);
    } catch (error) {
      message.error(priceListErrorMessage(error));
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`新建${KIND_LABELS[kind]}版本`}
      okText="创建草稿"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          title: kind === 'materials' ? `${year} 年仓库材料采购价（修订）` : `${year} 年特约服务项目及收费标准（修订）`,
          copyFrom: source?.id ?? 'none',
        }}
      >
        <Form.Item
          name="title"
          label="标题"
          rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 100 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="copyFrom" label="复制自" extra="默认复制当前执行中的版本，只需修改要调整的条目。">
          <Select
            data-testid="copy-from"
            options={[
              ...versions.map((v) => ({
                value: v.id,
                label: `V${v.versionNo} · ${v.title}（${v.inForce ? '执行中' : statusLabel(v.status)}）`,
              })),
              { value: 'none', label: '不复制，从空白开始' },
            ]}
          />
        </Form.Item>
        <Form.Item name="notes" label="修订说明">
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder="例如：根据 2026 年人工成本调整部分维修项目价格"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
