import { GlobalOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { addMonths, BILL_RUN_STATUS_LABELS, formatFen, type IBillRun } from '@app/shared';
import {
  App,
  Button,
  Card,
  Empty,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { listRuns, startRun } from '../../api/billing';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { currentPeriod, periodLabel, recentPeriods, runErrorMessage } from './billing-logic';
import { CompanyRunsModal } from './CompanyRunsModal';
import { RunPanel, RUN_STATUS_COLORS } from './RunPanel';

export default function BillRunsPage() {
  const project = useSelectedProject();
  return <BillRunsView key={project.id} />;
}

/** 账单生成: one run per project and month — start, watch, check, publish. */
function BillRunsView() {
  const project = useSelectedProject();
  const { message, modal } = App.useApp();
  // Bills are usually made at the start of a month for that month; next month is offered for early runs.
  const periods = useMemo(() => recentPeriods(addMonths(currentPeriod(), 1), 13), []);
  const [period, setPeriod] = useState(currentPeriod());
  const runs = useAsync(() => listRuns({ projectId: project.id }), [project.id]);
  const [starting, setStarting] = useState(false);
  const [companyRuns, setCompanyRuns] = useState<{ period: string; runs: IBillRun[] } | null>(null);
  const selected = runs.data?.find((r) => r.period === period) ?? null;

  async function start() {
    setStarting(true);
    try {
      const started = await startRun({ projectId: project.id, period });
      runs.setData((list) => [...started, ...(list ?? []).filter((r) => !started.some((s) => s.id === r.id))]);
      message.success(`已开始生成 ${periodLabel(period)} 账单`);
    } catch (error) {
      message.error(runErrorMessage(error, '账单生成启动失败'));
      runs.reload();
    } finally {
      setStarting(false);
    }
  }

  function startCompany() {
    modal.confirm({
      title: `为全公司所有项目生成 ${periodLabel(period)} 账单？`,
      content:
        '每个项目单独生成一批草稿账单，逐个核对后才会发布；已生成过本月账单的项目会继续或保持原样，不会重复出账。',
      okText: '全部开始',
      cancelText: '取消',
      onOk: async () => {
        try {
          const started = await startRun({ period });
          setCompanyRuns({ period, runs: started });
        } catch (error) {
          message.error(runErrorMessage(error, '全公司账单生成启动失败'));
        }
      },
    });
  }

  const columns: TableColumnsType<IBillRun> = [
    {
      title: '账期',
      dataIndex: 'period',
      width: 110,
      render: (p: string) => <Typography.Link onClick={() => setPeriod(p)}>{p}</Typography.Link>,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: IBillRun['status']) => <Tag color={RUN_STATUS_COLORS[s]}>{BILL_RUN_STATUS_LABELS[s]}</Tag>,
    },
    { title: '进度', key: 'progress', width: 130, render: (_, r) => `${r.housesDone} / ${r.housesTotal} 户` },
    {
      title: '账单金额',
      key: 'total',
      width: 140,
      align: 'right',
      render: (_, r) => (r.check ? <span className="money">{formatFen(r.check.totalFen)}</span> : '—'),
    },
    { title: '开始时间', dataIndex: 'startedAt', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: '发布时间',
      dataIndex: 'publishedAt',
      width: 160,
      render: (v: string | null) => (v ? formatDateTime(v) : '—'),
    },
  ];

  return (
    <div className="page" data-testid="bill-runs-page">
      <PageHeader
        title="账单生成"
        description={`${project.name} · 每个项目每月生成一次：先生成草稿，核对数字无误后再发布，发布后业主才能看到账单并收到通知。`}
        extra={
          <Space>
            <Button icon={<GlobalOutlined />} onClick={startCompany} data-testid="start-company">
              全公司生成
            </Button>
            <Button icon={<ReloadOutlined />} onClick={runs.reload}>
              刷新
            </Button>
          </Space>
        }
      />
      <Card variant="borderless">
        <Space wrap align="center" style={{ marginBottom: 16 }}>
          <Typography.Text>账期</Typography.Text>
          <Select
            value={period}
            onChange={setPeriod}
            style={{ width: 140 }}
            options={periods.map((p) => ({ value: p, label: periodLabel(p) }))}
            data-testid="run-period"
          />
          {selected ? null : (
            <Popconfirm
              title={`生成 ${project.name} ${periodLabel(period)} 的账单？`}
              description="按收费项目、抄表读数、空置优惠和已确认的特约服务费生成草稿，不会通知业主。"
              okText="开始生成"
              cancelText="取消"
              onConfirm={start}
            >
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                loading={starting}
                disabled={runs.loading && !runs.data}
                data-testid="start-run"
              >
                开始生成
              </Button>
            </Popconfirm>
          )}
        </Space>
        {runs.error && !runs.data ? (
          <ErrorState error={runs.error} onRetry={runs.reload} title="账单批次加载失败" />
        ) : selected ? (
          <RunPanel
            run={selected}
            onChanged={(next) => runs.setData((list) => (list ?? []).map((r) => (r.id === next.id ? next : r)))}
          />
        ) : runs.loading ? null : (
          <Empty description={`${periodLabel(period)} 还没有生成账单`} />
        )}
      </Card>
      <Card variant="borderless" title="历次账单批次">
        <Table<IBillRun>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={runs.data ?? []}
          loading={runs.loading}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          locale={{ emptyText: runs.loading ? ' ' : <Empty description="本项目还没有生成过账单" /> }}
        />
      </Card>
      {companyRuns ? (
        <CompanyRunsModal
          period={companyRuns.period}
          initial={companyRuns.runs}
          onClose={() => {
            setCompanyRuns(null);
            runs.reload();
          }}
        />
      ) : null}
    </div>
  );
}
