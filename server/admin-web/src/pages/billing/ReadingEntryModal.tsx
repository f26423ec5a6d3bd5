import { formatMilli } from '@app/shared';
import { Alert, App, Form, Input, Modal, Switch, Typography } from 'antd';
import { useState } from 'react';
import { recordReading } from '../../api/billing';
import { describeError } from '../../api/api-error';
import { periodLabel, readingProblem } from './billing-logic';
import { HouseSelect } from './HouseSelect';

interface Values {
  houseId: number;
  reading: string;
  meterChanged: boolean;
  startReading?: string;
}

/** One house's reading; a new meter starts counting from its start reading, so a lower value is allowed. */
export function ReadingEntryModal(props: {
  projectId: number;
  period: string;
  itemCode: string;
  onClose(): void;
  onSaved(): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const changed = Form.useWatch('meterChanged', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: Values) {
    setSaving(true);
    setError(null);
    try {
      const saved = await recordReading({
        projectId: props.projectId,
        houseId: values.houseId,
        itemCode: props.itemCode,
        period: props.period,
        reading: values.reading.trim(),
        meterChanged: values.meterChanged || undefined,
        startReading: values.meterChanged ? values.startReading?.trim() : undefined,
      });
      message.success(`${saved.houseLabel} 已录入，用量 ${formatMilli(saved.consumptionMilli)}`);
      props.onSaved();
      form.resetFields(['houseId', 'reading', 'startReading']);
    } catch (err) {
      setError(describeError(err, '读数保存失败'));
    } finally {
      setSaving(false);
    }
  }

  const numberRule = (label: string) => ({
    validator: (_: unknown, v: string) => {
      const p = readingProblem(v, label);
      return p ? Promise.reject(new Error(p)) : Promise.resolve();
    },
  });
  return (
    <Modal
      open
      title={`录入读数 · ${props.itemCode} · ${periodLabel(props.period)}`}
      okText="保存"
      cancelText="关闭"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        保存后可继续录入下一户。同一户同一月再次录入会覆盖之前的读数。
      </Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="reading-error" />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ meterChanged: false }}>
        <Form.Item name="houseId" label="房屋" rules={[{ required: true, message: '请选择房屋' }]}>
          <HouseSelect projectId={props.projectId} />
        </Form.Item>
        <Form.Item name="reading" label="本期读数" rules={[numberRule('本期读数')]}>
          <Input inputMode="decimal" placeholder="如 1234.5" />
        </Form.Item>
        <Form.Item
          name="meterChanged"
          label="本月换表"
          valuePropName="checked"
          extra="换了新表时打开：用量从新表的起始读数算起，读数可以小于上期。"
        >
          <Switch />
        </Form.Item>
        {changed ? (
          <Form.Item name="startReading" label="新表起始读数" rules={[numberRule('新表起始读数')]}>
            <Input inputMode="decimal" placeholder="新表装上时的读数，通常为 0" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
