import { FilePdfOutlined } from '@ant-design/icons';
import {
  BILL_LINE_KIND_LABELS,
  BILL_PAY_STATE_LABELS,
  BILL_STATUS_LABELS,
  formatFen,
  Permission,
  roleCan,
  type IBillDetail,
  type IBillLine,
} from '@app/shared';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { downloadBillPdf, getBill, saveBlob } from '../../api/billing';
import { describeError } from '../../api/api-error';
import { ErrorState } from '../../components/ErrorState';
import { useProject } from '../../layout/project-context';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { billCorrections, periodLabel } from './billing-logic';
import { CorrectionModal, type Correction } from './CorrectionModal';

const STATUS_COLORS = { draft: 'gold', published: 'blue', void: 'default' } as const;

/** One bill: lines (a paid-service line carries its ticket serial), arrears, PDF and — for BillCorrect — corrections. */
export function BillDrawer({
  billId,
  onClose,
  onChanged,
}: {
  billId: number;
  onClose(): void;
  onChanged(billId: number): void;
}) {
  const { message } = App.useApp();
  const { roles } = useProject();
  const bill = useAsync(() => getBill(billId), [billId]);
  const [pdfBusy, setPdfBusy] = useState(false);
  const [correction, setCorrection] = useState<Correction | null>(null);
  const mayOpenTickets = roleCan(roles, Permission.TicketHandle);
  const allowed = bill.data ? billCorrections(bill.data, roleCan(roles, Permission.BillCorrect)) : null;

  async function pdf(b: IBillDetail) {
    setPdfBusy(true);
    try {
      saveBlob(await downloadBillPdf(b.id), `账单-${b.houseLabel}-${b.period}.pdf`);
    } catch (error) {
      message.error(describeError(error, 'PDF 下载失败'));
    } finally {
      setPdfBusy(false);
    }
  }

  const columns: TableColumnsType<IBillLine> = [
    {
      title: '项目',
      key: 'name',
      render: (_, l) => (
        <Space orientation="vertical" size={0}>
          <span>
            {l.name}
            {l.waived ? <Tag style={{ marginLeft: 8 }}>已减免</Tag> : null}
          </span>
          {l.ticketSerial ? (
            mayOpenTickets && l.ticketId ? (
              <Link to={`/tickets?ticket=${l.ticketId}`} data-testid="line-ticket">
                工单 {l.ticketSerial}
              </Link>
            ) : (
              <Typography.Text type="secondary" data-testid="line-ticket">
                工单 {l.ticketSerial}
              </Typography.Text>
            )
          ) : BILL_LINE_KIND_LABELS[l.kind] !== l.name ? (
            <Typography.Text type="secondary">{BILL_LINE_KIND_LABELS[l.kind]}</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: '数量', dataIndex: 'quantityText', width: 120 },
    {
      title: '单价',
      dataIndex: 'unitPriceFen',
      width: 100,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : formatFen(v)),
    },
    {
      title: '金额',
      dataIndex: 'amountFen',
      width: 120,
      align: 'right',
      render: (v: number, l) => (
        <span className="money" style={l.waived ? { textDecoration: 'line-through', color: '#999' } : undefined}>
          {formatFen(v)}
        </span>
      ),
    },
  ];
  if (allowed?.waive) {
    columns.push({
      title: '',
      key: 'waive',
      width: 90,
      render: (_, l) =>
        l.kind === 'late_fee' && !l.waived ? (
          <Button size="small" onClick={() => setCorrection({ kind: 'waive', line: l })}>
            减免
          </Button>
        ) : null,
    });
  }

  const b = bill.data;
  return (
    <Drawer
      open
      width={760}
      onClose={onClose}
      title={b ? `${b.houseLabel} · ${periodLabel(b.period)} 账单` : '账单'}
      data-testid="bill-drawer"
      extra={
        b ? (
          <Space>
            <Button icon={<FilePdfOutlined />} loading={pdfBusy} onClick={() => pdf(b)}>
              下载 PDF
            </Button>
            {allowed?.adjust ? <Button onClick={() => setCorrection({ kind: 'adjust' })}>下月调整</Button> : null}
            {allowed?.voidReissue ? (
              <Button danger onClick={() => setCorrection({ kind: 'void' })}>
                作废重开
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      {bill.error && !b ? (
        <ErrorState error={bill.error} onRetry={bill.reload} title="账单加载失败" />
      ) : !b ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLORS[b.status]}>{BILL_STATUS_LABELS[b.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="缴费">{BILL_PAY_STATE_LABELS[b.payState]}</Descriptions.Item>
            <Descriptions.Item label="本期金额">
              <strong className="money" data-testid="bill-total">
                {formatFen(b.totalFen)}
              </strong>
            </Descriptions.Item>
            <Descriptions.Item label="已缴">
              <span className="money">{formatFen(b.paidFen)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="发布时间">
              {b.publishedAt ? formatDateTime(b.publishedAt) : '未发布'}
            </Descriptions.Item>
            <Descriptions.Item label="缴费截止">{b.dueDate}</Descriptions.Item>
          </Descriptions>
          <Table<IBillLine>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={b.lines}
            pagination={false}
            data-testid="bill-lines"
            locale={{ emptyText: <Empty description="本账单没有明细" /> }}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  合计（已减免的行不计入）
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <strong className="money">{formatFen(b.totalFen)}</strong>
                </Table.Summary.Cell>
                {columns.length > 4 ? <Table.Summary.Cell index={2} /> : null}
              </Table.Summary.Row>
            )}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            往期欠费{' '}
            {b.arrearsFen > 0 ? (
              <span className="money" style={{ color: '#cf1322' }}>
                {formatFen(b.arrearsFen)}
              </span>
            ) : null}
          </Typography.Title>
          {b.arrears.length === 0 ? (
            <Typography.Text type="secondary">没有往期欠费</Typography.Text>
          ) : (
            <Table
              rowKey="billId"
              size="small"
              pagination={false}
              dataSource={b.arrears}
              data-testid="bill-arrears"
              columns={[
                { title: '账期', dataIndex: 'period' },
                {
                  title: '未缴金额',
                  dataIndex: 'owedFen',
                  align: 'right',
                  render: (v: number) => <span className="money">{formatFen(v)}</span>,
                },
              ]}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            往期欠费单独列示，不计入本期金额。欠费不影响业主报修（民法典第九百四十四条）。
          </Typography.Paragraph>
        </>
      )}
      {correction && b ? (
        <CorrectionModal
          bill={b}
          correction={correction}
          onClose={() => setCorrection(null)}
          onDone={(next) => {
            setCorrection(null);
            if (next) {
              bill.setData(next);
              onChanged(next.id);
            } else bill.reload();
          }}
        />
      ) : null}
    </Drawer>
  );
}
