import { formatFen } from '@app/shared';
import { Card, Empty, Progress, Skeleton, Typography } from 'antd';
import { getCollectionRate } from '../../../api/billing';
import { useAsync } from '../../../lib/use-async';
import { periodLabel, rateText } from '../../billing/billing-logic';
import { useLatestPeriod } from '../../billing/use-latest-period';
import { TileError, TileLink } from './StatTile';

const percentOf = (bp: number | null) => (bp === null ? 0 : Math.min(100, Math.round(bp / 10) / 10));
const colorOf = (bp: number | null) =>
  bp === null ? '#d9d9d9' : bp >= 9000 ? '#52c41a' : bp >= 7000 ? '#1668dc' : '#fa8c16';

/** The month's 收缴率 as a dial, with the months before it as small bars (the full chart is on its page). */
export function CollectionRateCard({ projectId }: { projectId: number }) {
  // The newest billed month: early in a month the current one has no bills yet.
  const [period] = useLatestPeriod(projectId);
  const rate = useAsync(() => getCollectionRate(projectId, period), [projectId, period]);
  const data = rate.data;
  const recent = data ? data.byMonth.filter((row) => row.rateBp !== null).slice(-6) : [];
  return (
    <Card
      variant="borderless"
      title={`收缴率 · ${periodLabel(period)}`}
      style={{ height: '100%' }}
      data-testid="tile-collection-rate"
    >
      {rate.error && data === undefined ? <TileError error={rate.error} onRetry={rate.reload} /> : null}
      {!rate.error && data === undefined ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {data && data.current.rateBp === null && recent.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本项目还没有已发布的账单" />
      ) : null}
      {data && (data.current.rateBp !== null || recent.length > 0) ? (
        <div style={{ display: 'flex', gap: 24, alignItems: 'center', flexWrap: 'wrap' }}>
          <div style={{ textAlign: 'center' }}>
            <Progress
              type="dashboard"
              size={120}
              percent={percentOf(data.current.rateBp)}
              strokeColor={colorOf(data.current.rateBp)}
              format={() => rateText(data.current.rateBp)}
            />
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
              实收 {formatFen(data.current.receivedFen)} / 应收 {formatFen(data.current.billedFen)}
            </Typography.Paragraph>
          </div>
          <div style={{ flex: 1, minWidth: 180 }} data-testid="rate-recent">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              近几个月
            </Typography.Text>
            {recent.map((row) => (
              <div key={row.key} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span style={{ width: 56, fontSize: 12 }}>{periodLabel(row.key).slice(2)}</span>
                <Progress
                  percent={percentOf(row.rateBp)}
                  strokeColor={colorOf(row.rateBp)}
                  size="small"
                  format={() => rateText(row.rateBp)}
                  style={{ margin: 0, flex: 1 }}
                />
              </div>
            ))}
          </div>
        </div>
      ) : null}
      <div>
        <TileLink to="/billing/collection-rate" label="查看收缴率报表" />
      </div>
    </Card>
  );
}
