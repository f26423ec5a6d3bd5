import { FEE_UNITS, type IFeeCategory, type IFeeItem, type IUpsertFeeItemRequest } from '@app/shared';
import { Alert, Button, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { applyFieldErrors, yuanRule } from '../../lib/form-rules';
import { fenToInput, parseYuanInput, priceListErrorMessage } from './price-logic';

interface FormValues {
  categoryCode: string;
  code: string;
  name: string;
  unit: string;
  labourYuan: string;
  callOutYuan: string;
  materialsExtra: boolean;
  counterSale: boolean;
  serviceStandard: string;
}

const FIELD_OF: Record<string, keyof FormValues> = { labourPriceFen: 'labourYuan', callOutFeeFen: 'callOutYuan' };

export function FeeItemDrawer(props: {
  item: IFeeItem | null;
  categories: IFeeCategory[];
  defaultCategory: string;
  suggestCode(categoryCode: string): string;
  onSave(body: IUpsertFeeItemRequest): Promise<void>;
  onClose(): void;
}) {
  const { item, categories, defaultCategory, suggestCode, onSave, onClose } = props;
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: FormValues) {
    const labour = parseYuanInput(values.labourYuan);
    const callOut = parseYuanInput(values.callOutYuan, true);
    if (!labour.ok || !callOut.ok) return; // the rules already show why
    setSaving(true);
    setError(null);
    try {
      await onSave({
        categoryCode: values.categoryCode,
        code: values.code.trim().toUpperCase(),
        name: values.name.trim(),
        unit: values.unit,
        labourPriceFen: labour.fen ?? 0,
        callOutFeeFen: callOut.fen,
        materialsExtra: values.materialsExtra,
        counterSale: values.counterSale,
        serviceStandard: values.serviceStandard?.trim() ?? '',
        sortOrder: item?.sortOrder,
      });
    } catch (err) {
      if (!applyFieldErrors(form, err, FIELD_OF)) setError(priceListErrorMessage(err));
      setSaving(false);
    }
  }

  return (
    <Drawer
      open
      size={520}
      title={item ? `编辑收费项目 ${item.code}` : '新增收费项目'}
      onClose={onClose}
      destroyOnHidden
      data-testid="fee-item-drawer"
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
          categoryCode: item?.categoryCode ?? defaultCategory,
          code: item?.code ?? suggestCode(defaultCategory),
          name: item?.name ?? '',
          unit: item?.unit ?? '次',
          labourYuan: fenToInput(item?.labourPriceFen),
          callOutYuan: fenToInput(item?.callOutFeeFen),
          materialsExtra: item?.materialsExtra ?? true,
          counterSale: item?.counterSale ?? false,
          serviceStandard: item?.serviceStandard ?? '',
        }}
        onValuesChange={(changed: Partial<FormValues>) => {
          // A new item moved to another category gets that category's next free code.
          if (!item && changed.categoryCode) form.setFieldValue('code', suggestCode(changed.categoryCode));
        }}
      >
        <Form.Item name="categoryCode" label="分类" rules={[{ required: true, message: '请选择分类' }]}>
          <Select options={categories.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))} />
        </Form.Item>
        <Form.Item
          name="code"
          label="编码"
          extra={item ? '编码是条目的标识，不能修改；如需新编码请新增条目。' : '大写字母、数字或短横线，如 GD-011'}
          rules={[
            { required: true, message: '请填写编码' },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/, message: '编码须为字母、数字或短横线，最多 16 位' },
          ]}
        >
          <Input disabled={Boolean(item)} maxLength={16} />
        </Form.Item>
        <Form.Item
          name="name"
          label="项目名称"
          rules={[{ required: true, whitespace: true, message: '请填写项目名称' }, { max: 80 }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="unit" label="计价单位" rules={[{ required: true, message: '请选择单位' }]}>
          <Select options={FEE_UNITS.map((u) => ({ value: u, label: u }))} style={{ width: 160 }} />
        </Form.Item>
        <Space size={16} align="start">
          <Form.Item name="labourYuan" label="人工费（元）" rules={[yuanRule(false)]}>
            <Input
              prefix="¥"
              inputMode="decimal"
              placeholder="如 35.00"
              style={{ width: 180 }}
              data-testid="labour-yuan"
            />
          </Form.Item>
          <Form.Item name="callOutYuan" label="上门费（元，可不填）" rules={[yuanRule(true)]}>
            <Input prefix="¥" inputMode="decimal" placeholder="不收上门费" style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="materialsExtra"
          label="材料另计"
          valuePropName="checked"
          extra="开启后，物业提供的材料按材料价格表另行收费"
        >
          <Switch checkedChildren="另计" unCheckedChildren="含材料" />
        </Form.Item>
        <Form.Item
          name="counterSale"
          label="前台收费项目"
          valuePropName="checked"
          extra="开启后可在服务中心前台直接收费（打字复印类始终可以）；维修项目须通过工单收费，不要开启"
        >
          <Switch checkedChildren="前台" unCheckedChildren="否" />
        </Form.Item>
        <Form.Item name="serviceStandard" label="服务标准" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="向住户公示的服务内容与质量标准" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
