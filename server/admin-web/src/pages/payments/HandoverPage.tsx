import { PrinterOutlined } from '@ant-design/icons';
import { TENDER_METHOD_LABELS, formatFen, shanghaiDate, type IHandoverSummary, type TenderMethod } from '@app/shared';
import { Button, Card, DatePicker, Empty, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { getHandover } from '../../api/payments';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { handoverMethods, handoverTotals } from './handover-logic';

type Row = IHandoverSummary['cashiers'][number];

/** 交班汇总: what each cashier took on a day, by method, with what still waits for approval and refunds paid out. */
export default function HandoverPage() {
  const project = useSelectedProject();
  const [date, setDate] = useState(() => shanghaiDate(new Date()));
  const summary = useAsync(() => getHandover(project.id, date), [project.id, date]);
  const rows = summary.data?.cashiers ?? [];
  const methods = handoverMethods(rows);
  const totals = handoverTotals(rows, methods);
  const amountOf = (r: Row, m: TenderMethod) => r.byMethod.find((b) => b.method === m);

  const columns: TableColumnsType<Row> = [
    { title: '收银员', dataIndex: 'cashierName', width: 100 },
    ...methods.map((m) => ({
      title: TENDER_METHOD_LABELS[m],
      key: m,
      align: 'right' as const,
      render: (_: unknown, r: Row) => {
        const b = amountOf(r, m);
        return b ? (
          <span className="money">
            {formatFen(b.amountFen)}（{b.count} 笔）
          </span>
        ) : (
          '—'
        );
      },
    })),
    { title: '合计', key: 'total', align: 'right', render: (_, r) => <b className="money">{formatFen(r.totalFen)}</b> },
    {
      title: '其中待复核',
      key: 'pending',
      align: 'right',
      render: (_, r) => <span className="money">{formatFen(r.pendingApprovalFen)}</span>,
    },
    {
      title: '退款',
      key: 'refunds',
      align: 'right',
      render: (_, r) => <span className="money">{formatFen(r.refundsFen)}</span>,
    },
    { title: '收据', dataIndex: 'receiptCount', align: 'right', render: (v: number) => `${v} 张` },
  ];

  return (
    <div className="page" data-testid="handover-page">
      <PageHeader
        title="交班汇总"
        description={`${project.name} · ${date} 各收银员按收款方式汇总（北京时间自然日）。`}
        extra={
          <>
            <DatePicker
              allowClear={false}
              value={dayjs(date)}
              disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
              onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
              data-testid="handover-date"
            />
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!rows.length}>
              打印
            </Button>
          </>
        }
      />
      <Card variant="borderless">
        {summary.error && !summary.data ? (
          <ErrorState error={summary.error} onRetry={summary.reload} title="交班汇总加载失败" />
        ) : (
          <Table<Row>
            rowKey="cashierId"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={summary.loading}
            pagination={false}
            data-testid="handover-table"
            locale={{ emptyText: summary.loading ? ' ' : <Empty description="当日没有收款" /> }}
            summary={() =>
              rows.length ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  {methods.map((m, i) => (
                    <Table.Summary.Cell key={m} index={i + 1} align="right">
                      <span className="money">{formatFen(totals.byMethod[m] ?? 0)}</span>
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={methods.length + 1} align="right">
                    <b className="money" data-testid="handover-total">
                      {formatFen(totals.totalFen)}
                    </b>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={methods.length + 2} align="right">
                    {formatFen(totals.pendingFen)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={methods.length + 3} align="right">
                    {formatFen(totals.refundsFen)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={methods.length + 4} align="right">
                    {totals.receipts} 张
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        )}
      </Card>
    </div>
  );
}
