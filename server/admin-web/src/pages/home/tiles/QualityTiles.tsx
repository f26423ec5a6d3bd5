import {
  ComplaintStatus,
  SLA_DEADLINE_LABELS,
  TicketStatus,
  rateBpText,
  shanghaiMonth,
  type ISlaReport,
  type Role,
} from '@app/shared';
import { Card, Col, Empty, Progress, Row, Skeleton, Statistic, Tag } from 'antd';
import { useMemo } from 'react';
import { listComplaints, type ComplaintQuery } from '../../../api/complaints';
import { getSlaReport } from '../../../api/sla';
import { listTickets } from '../../../api/tickets';
import { canOpen, pageByKey } from '../../../layout/access';
import { useAsync, type AsyncState } from '../../../lib/use-async';
import { StatTile, TileError, TileLink } from './StatTile';

const KINDS = ['respond', 'on_site', 'resolve', 'return_visit'] as const;

/** Whether the person watches service quality here: complaints or the 时效 report. */
export function hasQualityDesk(roles: readonly Role[]): boolean {
  return canOpen(pageByKey('complaints'), roles) || canOpen(pageByKey('sla-report'), roles);
}

/**
 * 品质: open complaints, missed deadlines this month and return visits still due. Whoever works the ticket
 * list already has 待回访 on the ticket card, so it is shown here only to those who do not.
 */
export function QualityTiles({ projectId, roles }: { projectId: number; roles: readonly Role[] }) {
  const month = useMemo(() => shanghaiMonth(new Date()), []);
  const mayComplaints = canOpen(pageByKey('complaints'), roles);
  const mayReport = canOpen(pageByKey('sla-report'), roles);
  const showVisits = !canOpen(pageByKey('tickets'), roles);
  const count = (query: Omit<ComplaintQuery, 'projectId'>) =>
    mayComplaints
      ? listComplaints({ projectId, ...query, page: 1, pageSize: 1 }).then((p) => p.total)
      : Promise.resolve(null);
  const toContact = useAsync(() => count({ status: ComplaintStatus.Open }), [projectId, mayComplaints]);
  const disputed = useAsync(() => count({ status: ComplaintStatus.Disputed }), [projectId, mayComplaints]);
  const overdue = useAsync(() => count({ overdue: 'true' }), [projectId, mayComplaints]);
  const visits = useAsync(
    () =>
      showVisits
        ? listTickets({ projectId, status: TicketStatus.Verified, page: 1, pageSize: 1 }).then((p) => p.total)
        : Promise.resolve(null),
    [projectId, showVisits],
  );
  const report = useAsync(
    () => (mayReport ? getSlaReport(projectId, month, month) : Promise.resolve(null)),
    [projectId, month, mayReport],
  );
  const complaintsLink = { to: '/complaints', label: '去投诉管理' };
  const n = (v: number | null) => v ?? 0;

  const tiles = [
    mayComplaints && (
      <StatTile
        key="open"
        testId="tile-complaints-open"
        title="待联系投诉"
        state={toContact}
        value={n}
        suffix="件"
        urgent={(v) => n(v) > 0}
        emptyHint={(v) => (n(v) ? null : '没有待联系的投诉')}
        link={complaintsLink}
      />
    ),
    mayComplaints && (
      <StatTile
        key="overdue"
        testId="tile-complaints-overdue"
        title="已超时限的投诉"
        state={overdue}
        value={n}
        suffix="件"
        urgent={(v) => n(v) > 0}
        emptyHint={(v) => (n(v) ? null : '投诉都在时限内')}
        link={complaintsLink}
      />
    ),
    mayComplaints && (
      <StatTile
        key="disputed"
        testId="tile-complaints-disputed"
        title="住户有异议"
        state={disputed}
        value={n}
        suffix="件"
        emptyHint={(v) => (n(v) ? null : '没有住户对处理结果有异议')}
        link={complaintsLink}
      />
    ),
    showVisits && (
      <StatTile
        key="visits"
        testId="tile-visits"
        title="待回访工单"
        state={visits}
        value={n}
        suffix="单"
        emptyHint={(v) => (n(v) ? '回访超时会计入本月时效' : '没有待回访的工单')}
      />
    ),
  ].filter(Boolean);
  // Beside the 时效 card the tiles go two by two (an odd last one takes the row); alone, they share one row.
  const spanOf = (i: number) =>
    mayReport
      ? { xs: 24, sm: tiles.length % 2 === 1 && i === tiles.length - 1 ? 24 : 12 }
      : { xs: 24, sm: 12, xl: 24 / tiles.length };

  return (
    <Row gutter={[16, 16]}>
      {mayReport ? (
        <Col xs={24} lg={tiles.length ? 12 : 24}>
          <SlaCard state={report} />
        </Col>
      ) : null}
      {tiles.length ? (
        <Col xs={24} lg={mayReport ? 12 : 24}>
          <Row gutter={[16, 16]}>
            {tiles.map((tile, i) => (
              <Col key={i} {...spanOf(i)}>
                {tile}
              </Col>
            ))}
          </Row>
        </Col>
      ) : null}
    </Row>
  );
}

function SlaCard({ state }: { state: AsyncState<ISlaReport | null> }) {
  const data = state.data;
  const figures = data?.summary;
  const breaches = figures ? KINDS.reduce((sum, kind) => sum + figures.breaches[kind], 0) : 0;
  return (
    <Card variant="borderless" title="本月服务时效" style={{ height: '100%' }} data-testid="tile-sla">
      {state.error && data === undefined ? <TileError error={state.error} onRetry={state.reload} /> : null}
      {!state.error && data === undefined ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {figures && figures.tickets === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月还没有报修工单" />
      ) : null}
      {figures && figures.tickets > 0 ? (
        <div style={{ display: 'flex', gap: 24, alignItems: 'center', flexWrap: 'wrap' }}>
          <Progress
            type="dashboard"
            size={120}
            percent={figures.onTimeRateBp === null ? 0 : Math.round(figures.onTimeRateBp / 10) / 10}
            format={() => rateBpText(figures.onTimeRateBp)}
            strokeColor={(figures.onTimeRateBp ?? 0) >= 9000 ? '#52c41a' : '#fa8c16'}
          />
          <div style={{ flex: 1, minWidth: 160 }}>
            <Statistic
              title={`本月报修 ${figures.tickets} 单 · 超时`}
              value={breaches}
              suffix="次"
              styles={{ content: breaches > 0 ? { color: '#d4380d' } : undefined }}
            />
            <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
              {KINDS.map((kind) => (
                <Tag key={kind} color={figures.breaches[kind] > 0 ? 'orange' : 'default'}>
                  {SLA_DEADLINE_LABELS[kind]}超时 {figures.breaches[kind]}
                </Tag>
              ))}
            </div>
          </div>
        </div>
      ) : null}
      <div>
        <TileLink to="/sla/report" label="查看时效报表" />
      </div>
    </Card>
  );
}
