import { ReloadOutlined } from '@ant-design/icons';
import {
  BILL_PAY_STATE_LABELS,
  BILL_STATUS_LABELS,
  formatFen,
  type BillPayState,
  type BillStatus,
  type IBill,
} from '@app/shared';
import { Button, Card, Empty, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { listBills } from '../../api/billing';
import { listBuildings } from '../../api/property';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { BillDrawer } from './BillDrawer';
import { currentPeriod, periodLabel, recentPeriods } from './billing-logic';
import { useLatestPeriod } from './use-latest-period';

const PAGE_SIZE = 20;
export const BILL_STATUS_COLORS: Record<BillStatus, string> = { draft: 'gold', published: 'blue', void: 'default' };
export const PAY_STATE_COLORS: Record<BillPayState, string> = { unpaid: 'red', partial: 'orange', paid: 'green' };

interface Filters {
  period: string;
  buildingId?: number;
  status?: BillStatus;
  payState?: BillPayState;
  q: string;
}

export default function BillsPage() {
  const project = useSelectedProject();
  return <BillsView key={project.id} />;
}

/** 账单: a month's bills of the project, filtered; a row opens the bill with its lines. */
function BillsView() {
  const project = useSelectedProject();
  const periods = useMemo(() => recentPeriods(currentPeriod(), 24), []);
  const [period, setPeriod] = useLatestPeriod(project.id);
  const [rest, setRest] = useState<Omit<Filters, 'period'>>({ q: '' });
  const filters: Filters = useMemo(() => ({ ...rest, period }), [rest, period]);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const buildings = useAsync(() => listBuildings(project.id), [project.id]);
  const bills = useAsync(
    () =>
      listBills({
        projectId: project.id,
        period: filters.period,
        buildingId: filters.buildingId,
        status: filters.status,
        payState: filters.payState,
        q: filters.q || undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    [project.id, filters, page],
  );
  const [openId, setOpenId] = useState<number | null>(null);
  const change = (patch: Partial<Filters>) => {
    const { period: nextPeriod, ...others } = patch;
    if (nextPeriod) setPeriod(nextPeriod);
    setRest((f) => ({ ...f, ...others }));
    setPage(1);
  };

  const columns: TableColumnsType<IBill> = [
    {
      title: '房屋',
      dataIndex: 'houseLabel',
      width: 160,
      render: (v: string, b) => (
        <Typography.Link onClick={() => setOpenId(b.id)} data-testid="bill-house">
          {v}
        </Typography.Link>
      ),
    },
    { title: '账期', dataIndex: 'period', width: 100 },
    {
      title: '本期金额',
      dataIndex: 'totalFen',
      width: 130,
      align: 'right',
      render: (v: number) => <span className="money">{formatFen(v)}</span>,
    },
    {
      title: '已缴',
      dataIndex: 'paidFen',
      width: 120,
      align: 'right',
      render: (v: number) => <span className="money">{formatFen(v)}</span>,
    },
    {
      title: '往期欠费',
      dataIndex: 'arrearsFen',
      width: 130,
      align: 'right',
      render: (v: number) =>
        v > 0 ? (
          <span className="money" style={{ color: '#cf1322' }}>
            {formatFen(v)}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: BillStatus) => <Tag color={BILL_STATUS_COLORS[s]}>{BILL_STATUS_LABELS[s]}</Tag>,
    },
    {
      title: '缴费',
      dataIndex: 'payState',
      width: 100,
      render: (s: BillPayState) => <Tag color={PAY_STATE_COLORS[s]}>{BILL_PAY_STATE_LABELS[s]}</Tag>,
    },
  ];

  return (
    <div className="page" data-testid="bills-page">
      <PageHeader
        title="账单"
        description={`${project.name} · 每户每月一张账单；往期欠费单独显示，不重复计入本期金额。`}
        extra={
          <Button icon={<ReloadOutlined />} onClick={bills.reload}>
            刷新
          </Button>
        }
      />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            value={filters.period}
            onChange={(period) => change({ period })}
            style={{ width: 130 }}
            options={periods.map((p) => ({ value: p, label: periodLabel(p) }))}
            aria-label="账期"
          />
          <Select
            allowClear
            placeholder="全部楼栋"
            value={filters.buildingId}
            onChange={(buildingId) => change({ buildingId })}
            style={{ width: 140 }}
            loading={buildings.loading}
            options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            aria-label="楼栋"
          />
          <Select
            allowClear
            placeholder="全部状态"
            value={filters.status}
            onChange={(status) => change({ status })}
            style={{ width: 120 }}
            options={Object.entries(BILL_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            aria-label="状态"
          />
          <Select
            allowClear
            placeholder="缴费情况"
            value={filters.payState}
            onChange={(payState) => change({ payState })}
            style={{ width: 120 }}
            options={Object.entries(BILL_PAY_STATE_LABELS).map(([value, label]) => ({ value, label }))}
            aria-label="缴费情况"
          />
          <Input.Search
            allowClear
            placeholder="房号，如 3栋1单元1201"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => change({ q: q.trim() })}
            style={{ width: 240 }}
          />
        </Space>
        {bills.error && !bills.data ? (
          <ErrorState error={bills.error} onRetry={bills.reload} title="账单加载失败" />
        ) : (
          <Table<IBill>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={bills.data?.items ?? []}
            loading={bills.loading}
            data-testid="bills-table"
            onRow={(b) => ({ onDoubleClick: () => setOpenId(b.id) })}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: bills.data?.total ?? 0,
              onChange: setPage,
              showTotal: (t) => `共 ${t} 张`,
              hideOnSinglePage: true,
            }}
            locale={{
              emptyText: bills.loading ? (
                ' '
              ) : (
                <Empty description={`${periodLabel(filters.period)} 没有符合条件的账单`} />
              ),
            }}
          />
        )}
      </Card>
      {openId ? (
        <BillDrawer
          billId={openId}
          onClose={() => setOpenId(null)}
          onChanged={(id) => {
            bills.reload();
            setOpenId(id);
          }}
        />
      ) : null}
    </div>
  );
}
