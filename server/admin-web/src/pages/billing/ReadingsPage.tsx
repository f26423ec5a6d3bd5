import { EditOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { BillingItemKind, formatMilli, type IMeterReading } from '@app/shared';
import { Button, Card, Empty, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { listBillingItems, listReadings } from '../../api/billing';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { currentPeriod, periodLabel, recentPeriods } from './billing-logic';
import { ReadingEntryModal } from './ReadingEntryModal';
import { ReadingImportModal } from './ReadingImportModal';

const PAGE_SIZE = 20;

export default function ReadingsPage() {
  const project = useSelectedProject();
  return <ReadingsView key={project.id} />;
}

/** 抄表: a metered item's readings for one month — typed one by one or imported from the xlsx template. */
function ReadingsView() {
  const project = useSelectedProject();
  const periods = useMemo(() => recentPeriods(currentPeriod(), 12), []);
  const [period, setPeriod] = useState(currentPeriod());
  const items = useAsync(() => listBillingItems(project.id, false), [project.id]);
  const metered = useMemo(() => {
    const seen = new Map<string, string>();
    for (const i of items.data ?? [])
      if (i.kind === BillingItemKind.Metered && !seen.has(i.code)) seen.set(i.code, i.name);
    return [...seen.entries()].map(([code, name]) => ({ value: code, label: `${name}（${code}）` }));
  }, [items.data]);
  const [chosenCode, setChosenCode] = useState<string | undefined>();
  const itemCode = chosenCode ?? metered[0]?.value;
  const [page, setPage] = useState(1);
  const readings = useAsync(
    () =>
      itemCode
        ? listReadings({ projectId: project.id, period, itemCode, page, pageSize: PAGE_SIZE })
        : Promise.resolve(null),
    [project.id, period, itemCode, page],
  );
  const [dialog, setDialog] = useState<'entry' | 'import' | null>(null);

  const columns: TableColumnsType<IMeterReading> = [
    { title: '房屋', dataIndex: 'houseLabel', width: 160 },
    {
      title: '上期读数',
      dataIndex: 'previousMilli',
      width: 120,
      align: 'right',
      render: (v: number) => formatMilli(v),
    },
    { title: '本期读数', dataIndex: 'readingMilli', width: 120, align: 'right', render: (v: number) => formatMilli(v) },
    {
      title: '用量',
      dataIndex: 'consumptionMilli',
      width: 110,
      align: 'right',
      render: (v: number) => <strong>{formatMilli(v)}</strong>,
    },
    {
      title: '换表',
      dataIndex: 'meterChanged',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="orange">换表</Tag> : null),
    },
    { title: '录入时间', dataIndex: 'enteredAt', width: 160, render: (v: string) => formatDateTime(v) },
  ];

  const noItem = !items.loading && !items.error && metered.length === 0;
  return (
    <div className="page" data-testid="readings-page">
      <PageHeader
        title="抄表"
        description={`${project.name} · 每月抄表后录入或导入读数；读数小于上期时须标记换表。读数在生成账单时按「本期 − 上期」× 单价计费。`}
        extra={
          <Space>
            <Button
              icon={<EditOutlined />}
              disabled={!itemCode}
              onClick={() => setDialog('entry')}
              data-testid="reading-entry"
            >
              录入读数
            </Button>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              disabled={!itemCode}
              onClick={() => setDialog('import')}
              data-testid="reading-import"
            >
              导入读数
            </Button>
            <Button icon={<ReloadOutlined />} onClick={readings.reload}>
              刷新
            </Button>
          </Space>
        }
      />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <Typography.Text>账期</Typography.Text>
          <Select
            value={period}
            onChange={(p) => {
              setPeriod(p);
              setPage(1);
            }}
            style={{ width: 140 }}
            options={periods.map((p) => ({ value: p, label: periodLabel(p) }))}
            data-testid="reading-period"
          />
          <Typography.Text>收费项目</Typography.Text>
          <Select
            value={itemCode}
            onChange={(c) => {
              setChosenCode(c);
              setPage(1);
            }}
            style={{ width: 200 }}
            options={metered}
            loading={items.loading}
            placeholder="抄表计费项目"
            data-testid="reading-item"
          />
        </Space>
        {items.error ? (
          <ErrorState error={items.error} onRetry={items.reload} title="收费项目加载失败" />
        ) : noItem ? (
          <Empty description="本项目还没有抄表计费的收费项目（如水费、电费），请先在「收费项目」中添加。" />
        ) : readings.error && !readings.data ? (
          <ErrorState error={readings.error} onRetry={readings.reload} title="读数加载失败" />
        ) : (
          <Table<IMeterReading>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={readings.data?.items ?? []}
            loading={readings.loading || items.loading}
            data-testid="readings-table"
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: readings.data?.total ?? 0,
              onChange: setPage,
              showTotal: (t) => `共 ${t} 户`,
              hideOnSinglePage: true,
            }}
            locale={{
              emptyText: readings.loading ? (
                ' '
              ) : (
                <Empty description={`${periodLabel(period)} 还没有读数，可逐户录入或下载模板批量导入`} />
              ),
            }}
          />
        )}
      </Card>
      {dialog === 'entry' && itemCode ? (
        <ReadingEntryModal
          projectId={project.id}
          period={period}
          itemCode={itemCode}
          onClose={() => setDialog(null)}
          onSaved={readings.reload}
        />
      ) : null}
      {dialog === 'import' && itemCode ? (
        <ReadingImportModal
          projectId={project.id}
          period={period}
          itemCode={itemCode}
          itemLabel={metered.find((m) => m.value === itemCode)?.label ?? itemCode}
          onClose={() => setDialog(null)}
          onImported={readings.reload}
        />
      ) : null}
    </div>
  );
}
