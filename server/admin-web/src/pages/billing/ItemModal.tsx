import {
  addMonths,
  BILLING_ITEM_KIND_LABELS,
  BillingItemKind,
  fenToYuanString,
  HOUSE_TYPE_LABELS,
  type HouseType,
  type IBillingItem,
} from '@app/shared';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useMemo, useState } from 'react';
import { upsertBillingItem } from '../../api/billing';
import { describeError } from '../../api/api-error';
import { currentPeriod, itemFormProblem, periodLabel, recentPeriods, type ItemForm } from './billing-logic';

const DEFAULT_UNITS: Record<BillingItemKind, string> = {
  area: '元/㎡·月',
  fixed: '元/月',
  per_space: '元/个·月',
  metered: '元/吨',
  shared: '元/月',
};

/** New item, or a price change of an existing one (same code and house type) from a chosen month. */
export function ItemModal({
  projectId,
  base,
  existing,
  onClose,
  onSaved,
}: {
  projectId: number;
  base: IBillingItem | null;
  existing: IBillingItem[];
  onClose(): void;
  onSaved(): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemForm>();
  const kind = Form.useWatch('kind', form) ?? base?.kind ?? BillingItemKind.Area;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A new price usually starts next month; months already billed keep their price.
  const months = useMemo(() => recentPeriods(addMonths(currentPeriod(), 6), 13), []);

  async function submit(values: ItemForm) {
    const problem = itemFormProblem(values, existing);
    if (problem) return setError(problem);
    setSaving(true);
    setError(null);
    try {
      await upsertBillingItem({
        projectId,
        code: values.code.trim(),
        name: values.name.trim(),
        kind: values.kind,
        houseType: (values.houseType as HouseType | undefined) ?? null,
        unitPrice: values.unitPrice.trim(),
        unit: values.unit.trim(),
        sharedSplit: values.kind === BillingItemKind.Shared ? (values.sharedSplit as 'area' | 'house') : null,
        effectiveFrom: values.effectiveFrom,
      });
      message.success(base ? `已调价，自 ${periodLabel(values.effectiveFrom)} 起生效` : '已新增收费项目');
      onSaved();
    } catch (err) {
      setError(describeError(err, '保存失败'));
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={base ? `调价 · ${base.name}` : '新增收费项目'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={560}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<ItemForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          code: base?.code ?? '',
          name: base?.name ?? '',
          kind: base?.kind ?? BillingItemKind.Area,
          houseType: base?.houseType ?? undefined,
          unitPrice: base ? fenToYuanString(base.unitPriceFen) : '',
          unit: base?.unit ?? DEFAULT_UNITS.area,
          sharedSplit: base?.sharedSplit ?? undefined,
          effectiveFrom: addMonths(currentPeriod(), 1),
        }}
      >
        <Form.Item
          name="code"
          label="编码"
          extra="调价时编码不变，如 WY 物业费、SF 水费"
          rules={[{ required: true, message: '请填写编码' }]}
        >
          <Input disabled={!!base} maxLength={16} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={40} disabled={!!base} />
        </Form.Item>
        <Form.Item name="kind" label="计费方式">
          <Select
            disabled={!!base}
            options={Object.entries(BILLING_ITEM_KIND_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(k: BillingItemKind) => form.setFieldValue('unit', DEFAULT_UNITS[k])}
          />
        </Form.Item>
        {kind === BillingItemKind.Area ? (
          <Form.Item name="houseType" label="适用房屋类型" extra="不选 = 没有单独定价的其他类型">
            <Select
              allowClear
              disabled={!!base}
              options={Object.entries(HOUSE_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        ) : null}
        {kind === BillingItemKind.Shared ? (
          <Form.Item name="sharedSplit" label="分摊方式" rules={[{ required: true, message: '请选择分摊方式' }]}>
            <Select
              options={[
                { value: 'area', label: '按面积分摊' },
                { value: 'house', label: '按户均摊' },
              ]}
            />
          </Form.Item>
        ) : null}
        {kind !== BillingItemKind.Shared ? (
          <Form.Item name="unitPrice" label="单价（元）" rules={[{ required: true, message: '请填写单价' }]}>
            <Input inputMode="decimal" placeholder="如 2.35" />
          </Form.Item>
        ) : (
          <Form.Item name="unitPrice" hidden initialValue="0">
            <Input />
          </Form.Item>
        )}
        <Form.Item name="unit" label="单位" rules={[{ required: true, message: '请填写单位' }]}>
          <Input maxLength={16} />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label="生效月份"
          extra="新价格从该月的账单起适用，之前的月份仍按原价。"
          rules={[{ required: true, message: '请选择生效月份' }]}
        >
          <Select options={months.map((p) => ({ value: p, label: periodLabel(p) }))} data-testid="effective-from" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
