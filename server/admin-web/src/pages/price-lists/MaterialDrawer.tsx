import { FEE_UNITS, type IMaterialPrice, type IUpsertMaterialPriceRequest } from '@app/shared';
import { Alert, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { applyFieldErrors, yuanRule } from '../../lib/form-rules';
import { fenToInput, parseYuanInput, priceListErrorMessage } from './price-logic';

interface FormValues {
  code: string;
  name: string;
  spec: string;
  unit: string;
  priceYuan: string;
}

/** One warehouse material: the purchase price residents agree to when the property supplies it. */
export function MaterialDrawer(props: {
  material: IMaterialPrice | null;
  suggestedCode: string;
  onSave(body: IUpsertMaterialPriceRequest): Promise<void>;
  onClose(): void;
}) {
  const { material, suggestedCode, onSave, onClose } = props;
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: FormValues) {
    const price = parseYuanInput(values.priceYuan);
    if (!price.ok) return;
    setSaving(true);
    setError(null);
    try {
      await onSave({
        code: values.code.trim().toUpperCase(),
        name: values.name.trim(),
        spec: values.spec?.trim() ?? '',
        unit: values.unit,
        priceFen: price.fen ?? 0,
        sortOrder: material?.sortOrder,
      });
    } catch (err) {
      if (!applyFieldErrors(form, err, { priceFen: 'priceYuan' })) setError(priceListErrorMessage(err));
      setSaving(false);
    }
  }

  return (
    <Drawer
      open
      size={480}
      title={material ? `编辑材料 ${material.code}` : '新增材料'}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          code: material?.code ?? suggestedCode,
          name: material?.name ?? '',
          spec: material?.spec ?? '',
          unit: material?.unit ?? '个',
          priceYuan: fenToInput(material?.priceFen),
        }}
      >
        <Form.Item
          name="code"
          label="编码"
          rules={[
            { required: true, message: '请填写编码' },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/, message: '编码须为字母、数字或短横线，最多 16 位' },
          ]}
        >
          <Input disabled={Boolean(material)} maxLength={16} />
        </Form.Item>
        <Form.Item
          name="name"
          label="材料名称"
          rules={[{ required: true, whitespace: true, message: '请填写材料名称' }, { max: 80 }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="spec" label="规格型号" rules={[{ max: 80 }]}>
          <Input maxLength={80} placeholder="如 E27 9W" />
        </Form.Item>
        <Space size={16} align="start">
          <Form.Item name="unit" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <Select options={FEE_UNITS.map((u) => ({ value: u, label: u }))} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="priceYuan" label="采购单价（元）" rules={[yuanRule(false)]}>
            <Input prefix="¥" inputMode="decimal" placeholder="如 12.80" style={{ width: 180 }} />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
