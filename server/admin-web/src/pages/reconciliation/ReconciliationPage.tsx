import { ReloadOutlined } from '@ant-design/icons';
import {
  DISCREPANCY_KIND_LABELS,
  formatFen,
  type DiscrepancyKind,
  type IReconciliationDiscrepancy,
  type IReconciliationRun,
} from '@app/shared';
import { App, Button, Card, DatePicker, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../../api/api-error';
import { listDiscrepancies, listReconciliationRuns, runReconciliation } from '../../api/reconciliation';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';

const KIND_COLORS: Record<DiscrepancyKind, string> = {
  missing_locally: 'orange',
  missing_remotely: 'volcano',
  amount_differs: 'red',
};
const STATUS_TAGS: Record<IReconciliationRun['status'], { color: string; label: string }> = {
  running: { color: 'processing', label: '对账中' },
  done: { color: 'success', label: '已完成' },
  failed: { color: 'error', label: '失败' },
};

/** Yesterday in Asia/Shanghai: the date the daily run reconciles, and the picker's default. */
export function shanghaiYesterday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
}

const money = (fen: number | null) =>
  fen === null ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <span className="money">{formatFen(fen)}</span>
  );

/** 微信对账: the daily comparison of WeChat Pay's trade bill with the payments recorded here. */
export default function ReconciliationPage() {
  const { message } = App.useApp();
  const runs = useAsync(() => listReconciliationRuns(), []);
  const [date, setDate] = useState<Dayjs>(() => dayjs(shanghaiYesterday()));
  const [running, setRunning] = useState(false);
  const [selected, setSelected] = useState<IReconciliationRun | null>(null);

  async function start() {
    setRunning(true);
    try {
      const run = await runReconciliation(date.format('YYYY-MM-DD'));
      if (run.status === 'failed') message.error(`对账失败：${run.error ?? '下载账单失败'}`);
      else
        message.success(
          run.discrepancyCount
            ? `${run.date} 对账完成，发现 ${run.discrepancyCount} 笔差异`
            : `${run.date} 对账完成，账目一致`,
        );
      setSelected(run);
      runs.reload();
    } catch (error) {
      message.error(isApiError(error) ? error.message || '对账失败' : '对账失败');
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="page" data-testid="reconciliation-page">
      <PageHeader
        title="微信对账"
        description="每天自动下载前一日的微信对账单，与本系统的微信收款、退款逐笔核对；也可选择日期重新对账（结果覆盖该日原结果）。"
        extra={
          <Space>
            <DatePicker
              value={date}
              allowClear={false}
              onChange={(d) => d && setDate(d)}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              aria-label="对账日期"
              data-testid="reconcile-date"
            />
            <Button type="primary" loading={running} onClick={start} data-testid="reconcile-run">
              对账
            </Button>
            <Button icon={<ReloadOutlined />} onClick={runs.reload}>
              刷新
            </Button>
          </Space>
        }
      />
      {runs.error && !runs.data ? (
        <Card variant="borderless">
          <ErrorState error={runs.error} onRetry={runs.reload} title="对账记录加载失败" />
        </Card>
      ) : !runs.data ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <Card variant="borderless" title="对账记录">
          <Table<IReconciliationRun>
            rowKey="id"
            size="middle"
            dataSource={runs.data}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="reconciliation-runs"
            locale={{
              emptyText: <Empty description="还没有对账记录：每天上午会自动对账前一日，也可选择日期立即对账" />,
            }}
            onRow={(r) => ({ onClick: () => setSelected(r), style: { cursor: 'pointer' } })}
            rowClassName={(r) => (r.id === selected?.id ? 'ant-table-row-selected' : '')}
            columns={[
              { title: '交易日期', dataIndex: 'date', width: 120 },
              {
                title: '状态',
                dataIndex: 'status',
                width: 90,
                render: (s: IReconciliationRun['status']) => (
                  <Tag color={STATUS_TAGS[s].color}>{STATUS_TAGS[s].label}</Tag>
                ),
              },
              { title: '微信笔数', dataIndex: 'remoteCount', width: 90, align: 'right' },
              { title: '本地笔数', dataIndex: 'localCount', width: 90, align: 'right' },
              { title: '微信净额', dataIndex: 'remoteTotalFen', width: 130, align: 'right', render: money },
              { title: '本地净额', dataIndex: 'localTotalFen', width: 130, align: 'right', render: money },
              {
                title: '差异',
                dataIndex: 'discrepancyCount',
                width: 100,
                render: (n: number, r) =>
                  r.status !== 'done' ? (
                    <Typography.Text type="danger">{r.error ?? '—'}</Typography.Text>
                  ) : n > 0 ? (
                    <Tag color="red" data-testid="discrepancy-count">
                      {n} 笔
                    </Tag>
                  ) : (
                    <Tag color="green">一致</Tag>
                  ),
              },
              { title: '对账时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
            ]}
          />
        </Card>
      )}
      {selected && <DiscrepancyCard key={`${selected.id}-${selected.createdAt}`} run={selected} />}
    </div>
  );
}

function DiscrepancyCard({ run }: { run: IReconciliationRun }) {
  const rows = useAsync(() => listDiscrepancies(run.id), [run.id]);
  return (
    <Card variant="borderless" title={`${run.date} 差异明细`} data-testid="discrepancies">
      {rows.error && !rows.data ? (
        <ErrorState error={rows.error} onRetry={rows.reload} title="差异明细加载失败" />
      ) : !rows.data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <Table<IReconciliationDiscrepancy>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={rows.data}
          locale={{
            emptyText: (
              <Empty
                description={
                  run.status === 'done' ? '该日微信账单与本地记录一致，没有差异' : '该日对账未完成，没有差异明细'
                }
              />
            ),
          }}
          columns={[
            {
              title: '类型',
              dataIndex: 'kind',
              width: 100,
              render: (k: DiscrepancyKind) => <Tag color={KIND_COLORS[k]}>{DISCREPANCY_KIND_LABELS[k]}</Tag>,
            },
            { title: '商户订单号', dataIndex: 'outTradeNo', render: (v: string | null) => v ?? '—' },
            { title: '微信支付单号', dataIndex: 'transactionId', render: (v: string | null) => v ?? '—' },
            { title: '本地金额', dataIndex: 'localFen', width: 120, align: 'right', render: money },
            { title: '微信金额', dataIndex: 'remoteFen', width: 120, align: 'right', render: money },
            { title: '说明', dataIndex: 'note' },
          ]}
        />
      )}
    </Card>
  );
}
