import { ReloadOutlined } from '@ant-design/icons';
import { ErrorCode, formatFen, type ICashOutstandingEntry } from '@app/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Popconfirm,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { describeError, isApiError } from '../../api/api-error';
import { getCashOutstanding, handOverCash } from '../../api/charges';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { groupByTechnician, selectedTotalFen, type TechnicianCash } from './charge-logic';
import { idColumn } from '../../components/id-column';

export default function CashHandoverPage() {
  const project = useSelectedProject();
  return <CashView key={project.id} />;
}

function CashView() {
  const project = useSelectedProject();
  const outstanding = useAsync(() => getCashOutstanding(project.id), [project.id]);
  const [conflict, setConflict] = useState<string | null>(null);
  const groups = groupByTechnician(outstanding.data?.entries ?? []);

  return (
    <div className="page" data-testid="cash-page">
      <PageHeader
        title="现金待交款"
        description={`${project.name} · 师傅现场收取的现金（单笔不超过公司规定的现金上限）须交到收费员处。清点无误后勾选对应费用并确认交款。`}
        extra={
          <Button icon={<ReloadOutlined />} onClick={outstanding.reload}>
            刷新
          </Button>
        }
      />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setConflict(null)}
          title={conflict}
          data-testid="cash-conflict"
        />
      ) : null}
      {outstanding.error && !outstanding.data ? (
        <ErrorState error={outstanding.error} onRetry={outstanding.reload} title="待交现金加载失败" />
      ) : !outstanding.data ? (
        <Skeleton active />
      ) : (
        <>
          <Card variant="borderless">
            <Space size={48}>
              <Statistic title="待交现金合计" value={formatFen(outstanding.data.totalFen)} data-testid="cash-total" />
              <Statistic title="涉及师傅" value={groups.length} suffix="人" />
              <Statistic title="笔数" value={outstanding.data.entries.length} suffix="笔" />
            </Space>
          </Card>
          {groups.length === 0 ? (
            <Card variant="borderless">
              <Empty description="所有现金均已交款，没有待交的现金" />
            </Card>
          ) : (
            groups.map((group) => (
              <TechnicianCard
                key={group.technicianId}
                group={group}
                onDone={outstanding.reload}
                onConflict={(text) => {
                  setConflict(text);
                  outstanding.reload();
                }}
              />
            ))
          )}
        </>
      )}
    </div>
  );
}

function TechnicianCard(props: { group: TechnicianCash; onDone(): void; onConflict(text: string): void }) {
  const { group, onDone, onConflict } = props;
  const { message } = App.useApp();
  // Everything is pre-selected: the usual case is handing over all of one technician's cash.
  const [selected, setSelected] = useState<number[]>(() => group.entries.map((e) => e.chargeId));
  const [saving, setSaving] = useState(false);
  const total = selectedTotalFen(group, selected);

  async function confirm() {
    setSaving(true);
    try {
      const done = await handOverCash({ technicianId: group.technicianId, chargeIds: selected });
      message.success(
        `已确认收到 ${group.technicianName} 交来的现金 ${formatFen(done.totalFen)}（${done.chargeIds.length} 笔）`,
      );
      onDone();
    } catch (error) {
      if (isApiError(error, ErrorCode.StateConflict)) onConflict(`${group.technicianName}：${error.message}`);
      else message.error(describeError(error, '交款失败，请稍后重试'));
    } finally {
      setSaving(false);
    }
  }

  const columns: TableColumnsType<ICashOutstandingEntry> = [
    { title: '房屋', dataIndex: 'houseLabel', render: (v: string | null) => v ?? '—' },
    idColumn('工单号', 'ticketSerial'),
    { title: '收款时间', dataIndex: 'collectedAt', render: (v: string) => formatDateTime(v) },
    {
      title: '住户确认',
      dataIndex: 'residentConfirmed',
      render: (v: boolean) => (v ? <Tag color="green">已确认</Tag> : <Tag color="orange">待住户确认</Tag>),
    },
    {
      title: '金额',
      dataIndex: 'amountFen',
      align: 'right',
      render: (v: number) => <span className="money">{formatFen(v)}</span>,
    },
  ];

  return (
    <Card
      variant="borderless"
      data-testid="cash-group"
      title={
        <Space>
          <span>{group.technicianName}</span>
          <Typography.Text type="secondary">
            待交 {formatFen(group.totalFen)} · {group.entries.length} 笔
          </Typography.Text>
        </Space>
      }
      extra={
        <Popconfirm
          title={`确认已收到 ${group.technicianName} 交来的现金 ${formatFen(total)}？`}
          description="确认后这些费用记为已付清，不可撤销。"
          okText="确认交款"
          cancelText="取消"
          disabled={!selected.length}
          onConfirm={confirm}
        >
          <Button type="primary" disabled={!selected.length} loading={saving}>
            确认交款 {selected.length ? formatFen(total) : ''}
          </Button>
        </Popconfirm>
      }
    >
      <Table<ICashOutstandingEntry>
        rowKey="chargeId"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={group.entries}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
      />
    </Card>
  );
}
