import { TENDER_METHOD_LABELS, formatFen, type IPayment } from '@app/shared';
import { Alert, Form, Input } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { requestRefund } from '../../api/payments';
import { fenToInput, parseYuanInput } from '../../lib/money-input';
import { ReasonModal } from '../../components/ReasonModal';

/** 申请退款 on a confirmed payment: up to what is still unrefunded, with a reason; finance approves it. */
export function RefundRequestModal({
  payment,
  onCancel,
  onDone,
}: {
  payment: IPayment | null;
  onCancel(): void;
  onDone(): void;
}) {
  const refundable = payment ? payment.amountFen - payment.refundedFen : 0;
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(reason: string) {
    if (!payment) return;
    const parsed = parseYuanInput(amount || fenToInput(refundable), false, refundable);
    if (!parsed.ok) return setError(parsed.message.replace(/^金额不能超过/, '退款金额不能超过可退金额'));
    if (!parsed.fen) return setError('退款金额须大于 0');
    setError(null);
    try {
      await requestRefund({ paymentId: payment.id, amountFen: parsed.fen, reason });
      setAmount('');
      onDone();
    } catch (err) {
      setError(describeError(err, '退款申请失败，请稍后重试'));
    }
  }

  return (
    <ReasonModal
      open={!!payment}
      title="申请退款"
      okText="提交申请"
      intro={
        payment
          ? `${payment.houseLabel} · ${TENDER_METHOD_LABELS[payment.method]} ${formatFen(payment.amountFen)}，可退 ${formatFen(refundable)}。退款经财务审批后按原渠道退回。`
          : null
      }
      onCancel={() => (setError(null), setAmount(''), onCancel())}
      onSubmit={submit}
    >
      <Form layout="vertical">
        <Form.Item label="退款金额（元）" required>
          <Input
            prefix="¥"
            inputMode="decimal"
            placeholder={fenToInput(refundable)}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            data-testid="refund-amount"
          />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
    </ReasonModal>
  );
}
