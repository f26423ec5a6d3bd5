import { URGENCY_LABELS, type ISlaPolicy, type IServiceCategory, type Urgency } from '@app/shared';
import { App, Checkbox, Form, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { saveSlaPolicy } from '../../api/sla';
import { applyFieldErrors } from '../../lib/form-rules';
import { categoryOptions } from '../tickets/categories';
import {
  LIMIT_FIELDS,
  UNIT_LABELS,
  limitText,
  splitMinutes,
  toMinutes,
  type LimitField,
  type LimitUnit,
} from './sla-logic';

interface LimitValue {
  off: boolean;
  value: number | null;
  unit: LimitUnit;
}

type FormValues = { category: string; urgency: Urgency } & Record<LimitField, LimitValue>;

const limitValue = (minutes: number | null): LimitValue =>
  minutes === null ? { off: true, value: null, unit: 'hour' } : { off: false, ...splitMinutes(minutes) };

/** One limit: a number with its unit, or 不考核 (the clock does not run; a normal job's arrival is the agreed visit time). */
function LimitInput({
  field,
  label,
  value,
  onChange,
}: {
  field: LimitField;
  label: string;
  value?: LimitValue;
  onChange?: (v: LimitValue) => void;
}) {
  const v = value ?? { off: true, value: null, unit: 'hour' as LimitUnit };
  return (
    <Space>
      <InputNumber
        aria-label={label}
        min={1}
        precision={0}
        disabled={v.off}
        value={v.value}
        style={{ width: 120 }}
        onChange={(n) => onChange?.({ ...v, value: n })}
      />
      <Select<LimitUnit>
        aria-label={`${label}单位`}
        value={v.unit}
        disabled={v.off}
        style={{ width: 90 }}
        options={(Object.keys(UNIT_LABELS) as LimitUnit[]).map((u) => ({ value: u, label: UNIT_LABELS[u] }))}
        onChange={(unit) => onChange?.({ ...v, unit })}
      />
      <Checkbox
        checked={v.off}
        onChange={(e) => onChange?.({ ...v, off: e.target.checked, value: e.target.checked ? null : (v.value ?? 1) })}
      >
        {limitText(field, null)}
      </Checkbox>
    </Space>
  );
}

/**
 * 编辑服务时限: an existing row (category and urgency fixed) or a new category-specific row. Saved through
 * PUT /sla-policies; the server's 422 messages land on the matching inputs.
 */
export function PolicyModal(props: {
  projectId: number;
  policy: ISlaPolicy | null;
  categories: readonly IServiceCategory[];
  taken: readonly ISlaPolicy[];
  onClose(): void;
  onSaved(): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const p = props.policy;
  const initial: Partial<FormValues> = p
    ? {
        category: p.category,
        urgency: p.urgency,
        ...Object.fromEntries(LIMIT_FIELDS.map((f) => [f.field, limitValue(p[f.field])])),
      }
    : { urgency: 'normal', ...Object.fromEntries(LIMIT_FIELDS.map((f) => [f.field, limitValue(null)])) };
  const existing = (category: string, urgency: Urgency) =>
    props.taken.some((t) => !t.isDefault && t.category === category && t.urgency === urgency);

  async function submit() {
    // A refused field shows its message under the input; the rejection itself needs no handling.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      const minutes = (f: LimitField) =>
        values[f].off ? null : (toMinutes('', values[f].value, values[f].unit) as { minutes: number }).minutes;
      await saveSlaPolicy(props.projectId, {
        category: values.category,
        urgency: values.urgency,
        respondMinutes: minutes('respondMinutes'),
        onSiteMinutes: minutes('onSiteMinutes'),
        resolveMinutes: minutes('resolveMinutes'),
        returnVisitMinutes: minutes('returnVisitMinutes'),
      });
      message.success('服务时限已保存');
      props.onSaved();
    } catch (err) {
      if (!applyFieldErrors(form, err)) message.error(describeError(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={p ? '编辑服务时限' : '新增类别时限'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={props.onClose}
      width={560}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="sla-policy-form">
        <Space size="large">
          <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select
              style={{ width: 240 }}
              disabled={!!p}
              aria-label="类别"
              options={[{ value: '*', label: '默认（未单独设置的类别）' }, ...categoryOptions(props.categories)]}
            />
          </Form.Item>
          <Form.Item name="urgency" label="紧急程度" rules={[{ required: true }]}>
            <Select
              style={{ width: 120 }}
              disabled={!!p}
              aria-label="紧急程度"
              options={(['emergency', 'normal'] as Urgency[]).map((u) => ({ value: u, label: URGENCY_LABELS[u] }))}
            />
          </Form.Item>
        </Space>
        {LIMIT_FIELDS.map(({ field, label }) => (
          <Form.Item
            key={field}
            name={field}
            label={label}
            rules={[
              {
                validator: (_, v: LimitValue) => {
                  if (v.off) return Promise.resolve();
                  const parsed = toMinutes(label, v.value, v.unit);
                  return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
                },
              },
            ]}
          >
            <LimitInput field={field} label={label} />
          </Form.Item>
        ))}
        {!p ? (
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              existing(getFieldValue('category'), getFieldValue('urgency')) ? (
                <p style={{ color: '#fa8c16' }}>该类别已有时限，保存将覆盖原设置。</p>
              ) : null
            }
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
