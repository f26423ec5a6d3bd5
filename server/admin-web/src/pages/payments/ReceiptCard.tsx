import { PrinterOutlined } from '@ant-design/icons';
import { PAYMENT_STATUS_LABELS, TENDER_METHOD_LABELS, formatFen, type IReceipt } from '@app/shared';
import { Alert, App, Button, Descriptions, Table, Tag } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { downloadReceiptPdf, openPdf } from '../../api/payments';
import { formatDateTime } from '../../lib/time';
import { mergeAllocations } from './cashier-logic';

/** Prints (opens) the receipt PDF; the server marks every print after the first 补打 and counts it. */
/** `printed` unknown (a list row) → a neutral label; the PDF itself says 补打 when it is a reprint. */
export function PrintReceiptButton({
  receiptId,
  printed,
  onPrinted,
  size,
}: {
  receiptId: number;
  printed?: number;
  onPrinted?(): void;
  size?: 'small';
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function print() {
    setBusy(true);
    try {
      openPdf(await downloadReceiptPdf(receiptId));
      onPrinted?.();
    } catch (err) {
      message.error(describeError(err, '收据生成失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button size={size} icon={<PrinterOutlined />} loading={busy} onClick={print} data-testid="print-receipt">
      {printed === undefined ? '打印收据' : printed > 0 ? '补打收据' : '打印收据'}
    </Button>
  );
}

export function ReceiptCard({ receipt, onPrinted }: { receipt: IReceipt; onPrinted?(): void }) {
  const pending = receipt.payments.filter((p) => p.status === 'pending_approval');
  return (
    <div data-testid="receipt">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="收据号">
          <b data-testid="receipt-number">{receipt.number}</b>
        </Descriptions.Item>
        <Descriptions.Item label="房屋">{receipt.houseLabel}</Descriptions.Item>
        <Descriptions.Item label="合计">
          <span className="money" data-testid="receipt-total">
            {formatFen(receipt.totalFen)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="开具">
          {formatDateTime(receipt.issuedAt)} {receipt.issuedByName ?? ''}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        style={{ marginTop: 12 }}
        rowKey={(p) => p.id}
        pagination={false}
        dataSource={receipt.payments}
        columns={[
          { title: '收款方式', key: 'm', render: (_, p) => TENDER_METHOD_LABELS[p.method] },
          {
            title: '金额',
            key: 'a',
            align: 'right',
            render: (_, p) => <span className="money">{formatFen(p.amountFen)}</span>,
          },
          {
            title: '状态',
            key: 's',
            render: (_, p) => (
              <Tag color={p.status === 'confirmed' ? 'green' : p.status === 'rejected' ? 'red' : 'orange'}>
                {PAYMENT_STATUS_LABELS[p.status]}
              </Tag>
            ),
          },
        ]}
      />
      <Table
        size="small"
        style={{ marginTop: 12 }}
        rowKey={(a) => `${a.kind}:${a.targetId}`}
        pagination={false}
        dataSource={mergeAllocations(receipt.allocations)}
        columns={[
          { title: '冲抵项目', dataIndex: 'title' },
          {
            title: '金额',
            key: 'a',
            align: 'right',
            render: (_, a) => <span className="money">{formatFen(a.amountFen)}</span>,
          },
        ]}
      />
      {pending.length ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={`其中 ${formatFen(pending.reduce((s, p) => s + p.amountFen, 0))} 为线下收款，须由第二人在「收款复核」中复核后才计入账单`}
        />
      ) : null}
      <div className="toolbar" style={{ marginTop: 12 }}>
        <PrintReceiptButton receiptId={receipt.id} printed={receipt.printCount} onPrinted={onPrinted} />
      </div>
    </div>
  );
}
