import { formatFen, type IBillDetail, type IBillLine } from '@app/shared';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { addAdjustment, voidAndReissue, waiveLateFee } from '../../api/billing';
import { describeError } from '../../api/api-error';
import { parseAdjustment, periodLabel } from './billing-logic';

export type Correction = { kind: 'void' } | { kind: 'adjust' } | { kind: 'waive'; line: IBillLine };

const TITLES = { void: '作废并重开账单', adjust: '下月账单调整', waive: '减免滞纳金' } as const;

/** Every correction is audited and needs a reason; a published bill is never edited in place. */
export function CorrectionModal({
  bill,
  correction,
  onClose,
  onDone,
}: {
  bill: IBillDetail;
  correction: Correction;
  onClose(): void;
  onDone(next: IBillDetail | null): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; amount?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ reason, amount }: { reason: string; amount?: string }) {
    setSaving(true);
    setError(null);
    try {
      if (correction.kind === 'void') {
        const next = await voidAndReissue(bill.id, reason.trim());
        message.success(`已作废并重开，新账单金额 ${formatFen(next.totalFen)}`);
        onDone(next);
      } else if (correction.kind === 'waive') {
        const next = await waiveLateFee(bill.id, correction.line.id, reason.trim());
        message.success('已减免该滞纳金');
        onDone(next);
      } else {
        const parsed = parseAdjustment(amount);
        if (!parsed.ok) throw new Error(parsed.message);
        await addAdjustment({ houseId: bill.houseId, amount: parsed.amount, reason: reason.trim() });
        message.success(`已登记调整 ${formatFen(parsed.fen)}，将计入该户下月账单`);
        onDone(null);
      }
    } catch (err) {
      setError(err instanceof Error && !('code' in err) ? err.message : describeError(err, '操作失败'));
      setSaving(false);
    }
  }

  const intro = {
    void: `作废 ${bill.houseLabel} ${periodLabel(bill.period)} 的账单，并按当前收费项目与读数重新生成一张（新版本）。原账单保留作废记录。`,
    adjust: `为 ${bill.houseLabel} 登记一笔调整，计入该户下一期账单（正数为补收，负数为退还）。`,
    waive:
      correction.kind === 'waive'
        ? `减免「${correction.line.name}」${formatFen(correction.line.amountFen)}，金额保留记录，但不再计入应缴。`
        : '',
  }[correction.kind];

  return (
    <Modal
      open
      title={TITLES[correction.kind]}
      okText="确认"
      okButtonProps={{ danger: correction.kind === 'void' }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{intro}操作会写入审计日志。</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        {correction.kind === 'adjust' ? (
          <Form.Item
            name="amount"
            label="调整金额（元）"
            rules={[
              {
                validator: (_, v: string) => {
                  const p = parseAdjustment(v);
                  return p.ok ? Promise.resolve() : Promise.reject(new Error(p.message));
                },
              },
            ]}
          >
            <Input placeholder="如 -35.50 或 120" inputMode="decimal" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label="原因"
          rules={[{ required: true, whitespace: true, message: '请填写原因' }, { max: 200 }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
