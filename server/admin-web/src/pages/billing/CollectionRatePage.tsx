import { ReloadOutlined } from '@ant-design/icons';
import { formatFen, type ICollectionRateRow } from '@app/shared';
import { Button, Card, Col, Empty, Progress, Row, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { getCollectionRate } from '../../api/billing';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { currentPeriod, periodLabel, rateText, recentPeriods } from './billing-logic';
import { RateChart } from './RateChart';
import { useLatestPeriod } from './use-latest-period';

export default function CollectionRatePage() {
  const project = useSelectedProject();
  return <CollectionRateView key={project.id} />;
}

function RateCard({ title, row, testId }: { title: string; row: ICollectionRateRow; testId: string }) {
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title="应收" value={formatFen(row.billedFen)} />
        </Col>
        <Col span={8}>
          <Statistic title="实收" value={formatFen(row.receivedFen)} />
        </Col>
        <Col span={8}>
          <Statistic title="收缴率" value={rateText(row.rateBp)} />
        </Col>
      </Row>
    </Card>
  );
}

/** 收缴率: billed vs received for a month — current bills and arrears, per building, and the last 12 months. */
function CollectionRateView() {
  const project = useSelectedProject();
  const periods = useMemo(() => recentPeriods(currentPeriod(), 24), []);
  const [period, setPeriod] = useLatestPeriod(project.id);
  const rate = useAsync(() => getCollectionRate(project.id, period), [project.id, period]);
  const data = rate.data;
  const nothing =
    data &&
    data.current.billedFen === 0 &&
    data.arrears.billedFen === 0 &&
    data.byMonth.every((m) => m.billedFen === 0);

  return (
    <div className="page" data-testid="collection-rate-page">
      <PageHeader
        title="收缴率"
        description={`${project.name} · 收缴率 = 实收 ÷ 应收（已发布账单）。本期为所选月份的账单，往期为此前月份仍未缴清的账单。`}
        extra={
          <Space>
            <Select
              value={period}
              onChange={setPeriod}
              style={{ width: 130 }}
              options={periods.map((p) => ({ value: p, label: periodLabel(p) }))}
              aria-label="账期"
            />
            <Button icon={<ReloadOutlined />} onClick={rate.reload}>
              刷新
            </Button>
          </Space>
        }
      />
      {rate.error && !data ? (
        <Card variant="borderless">
          <ErrorState error={rate.error} onRetry={rate.reload} title="收缴率加载失败" />
        </Card>
      ) : !data ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : nothing ? (
        <Card variant="borderless">
          <Empty description={`${periodLabel(period)} 及之前 12 个月没有已发布的账单`} />
        </Card>
      ) : (
        <>
          <Row gutter={16}>
            <Col span={12}>
              <RateCard title={`本期（${periodLabel(period)}）`} row={data.current} testId="rate-current" />
            </Col>
            <Col span={12}>
              <RateCard title="往期欠费" row={data.arrears} testId="rate-arrears" />
            </Col>
          </Row>
          <Card variant="borderless" title="近 12 个月收缴率">
            <RateChart rows={data.byMonth} />
          </Card>
          <Card variant="borderless" title="按楼栋">
            <Table<ICollectionRateRow>
              rowKey="key"
              size="middle"
              pagination={false}
              dataSource={data.byBuilding}
              data-testid="rate-buildings"
              locale={{ emptyText: <Empty description="本月没有已发布的账单" /> }}
              columns={[
                { title: '楼栋', dataIndex: 'key', width: 140 },
                {
                  title: '应收',
                  dataIndex: 'billedFen',
                  width: 140,
                  align: 'right',
                  render: (v: number) => <span className="money">{formatFen(v)}</span>,
                },
                {
                  title: '实收',
                  dataIndex: 'receivedFen',
                  width: 140,
                  align: 'right',
                  render: (v: number) => <span className="money">{formatFen(v)}</span>,
                },
                {
                  title: '收缴率',
                  dataIndex: 'rateBp',
                  render: (bp: number | null) =>
                    bp === null ? (
                      <Typography.Text type="secondary">—</Typography.Text>
                    ) : (
                      <Progress percent={bp / 100} format={() => rateText(bp)} style={{ maxWidth: 280 }} />
                    ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
