import { BindingStatus, TicketStatus, type IProjectSummary, type Role } from '@app/shared';
import { Card, Col, Empty, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { listBindings } from '../../../api/bindings';
import { listBuildings } from '../../../api/property';
import { listTechnicians } from '../../../api/technicians';
import { listTickets } from '../../../api/tickets';
import { canOpen, pageByKey } from '../../../layout/access';
import { useAsync, type AsyncState } from '../../../lib/use-async';
import { managerCoverage } from '../coverage';
import { StatTile, TileError, TileLink } from './StatTile';

/** Whether the person works the project's houses and tickets (customer managers, supervisors, project managers). */
export function hasOperationsDesk(roles: readonly Role[]): boolean {
  return canOpen(pageByKey('tickets'), roles) || canOpen(pageByKey('bindings'), roles);
}

/** Houses, resident bindings, buildings, technicians on duty, manager coverage and the ticket counts. */
export function OperationsTiles({ project, roles }: { project: IProjectSummary; roles: readonly Role[] }) {
  const mayReview = canOpen(pageByKey('bindings'), roles);
  const mayManageTechnicians = canOpen(pageByKey('technicians'), roles);
  const mayWorkTickets = canOpen(pageByKey('tickets'), roles);
  const mayHouses = canOpen(pageByKey('houses'), roles);

  const pending = useAsync(
    () =>
      mayReview
        ? listBindings({ projectId: project.id, status: BindingStatus.Pending, page: 1, pageSize: 1 }).then(
            (p) => p.total,
          )
        : Promise.resolve(null),
    [project.id, mayReview],
  );
  const buildings = useAsync(() => listBuildings(project.id), [project.id]);
  const technicians = useAsync(
    () => (mayManageTechnicians ? listTechnicians(project.id) : Promise.resolve(null)),
    [project.id, mayManageTechnicians],
  );
  const coverage = buildings.data ? managerCoverage(buildings.data) : null;
  // Counts of real tickets (total of a one-row page), for the roles that work the ticket list.
  const ticketCount = (status: TicketStatus) =>
    mayWorkTickets
      ? listTickets({ projectId: project.id, status, page: 1, pageSize: 1 }).then((p) => p.total)
      : Promise.resolve(null);
  const submitted = useAsync(() => ticketCount(TicketStatus.Submitted), [project.id, mayWorkTickets]);
  const toVisit = useAsync(() => ticketCount(TicketStatus.Verified), [project.id, mayWorkTickets]);
  const n = (v: number | null) => v ?? 0;
  const houses = { data: project.houseCount, loading: false, error: null, reload: () => undefined, setData: () => {} };

  const top = [
    <StatTile
      key="houses"
      title="本项目房屋"
      state={houses}
      value={(v) => v}
      suffix="户"
      link={mayHouses ? { to: '/houses', label: '查看房屋档案' } : undefined}
    />,
    mayReview && (
      <StatTile
        key="bindings"
        testId="tile-bindings"
        title="待审核住户认证"
        state={pending}
        value={n}
        suffix="条"
        link={{ to: '/bindings', label: '去审核' }}
      />
    ),
    <StatTile key="buildings" title="楼栋" state={buildings} value={(b) => b.length} suffix="栋" />,
    mayManageTechnicians && (
      <StatTile
        key="technicians"
        title="在岗维修师傅"
        state={technicians}
        value={(list) => list?.filter((t) => t.onDuty).length ?? 0}
        suffix={technicians.data ? `/ ${technicians.data.length} 人` : '人'}
      />
    ),
  ].filter(Boolean);

  return (
    <>
      <Row gutter={[16, 16]}>
        {top.map((tile, i) => (
          <Col key={i} xs={24} sm={12} xl={24 / top.length}>
            {tile}
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={mayWorkTickets ? 12 : 24}>
          <Card variant="borderless" title="楼栋客户经理覆盖率" style={{ height: '100%' }}>
            {buildings.loading && !buildings.data ? <Skeleton active /> : null}
            {buildings.error && !buildings.data ? (
              <TileError error={buildings.error} onRetry={buildings.reload} />
            ) : null}
            {coverage ? (
              coverage.total === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本项目还没有楼栋，可先导入房屋档案" />
              ) : (
                <div style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
                  <Progress type="dashboard" percent={coverage.percent} size={120} />
                  <div>
                    <Typography.Paragraph style={{ marginBottom: 4 }}>
                      已指派 {coverage.covered} / {coverage.total} 栋
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">每栋楼都应有专属客户经理，住户报修才能及时受理。</Typography.Text>
                  </div>
                </div>
              )
            ) : null}
          </Card>
        </Col>
        {mayWorkTickets ? (
          <Col xs={24} lg={12}>
            <Card variant="borderless" title="工单" style={{ height: '100%' }} data-testid="ticket-card">
              <Row gutter={16}>
                <Col span={12}>
                  <TicketFigure title="待受理" state={submitted} />
                </Col>
                <Col span={12}>
                  <TicketFigure title="待回访" state={toVisit} />
                </Col>
              </Row>
              <TileLink to="/tickets" label="去工单中心" />
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}

function TicketFigure({ title, state }: { title: string; state: AsyncState<number | null> }) {
  if (state.error && state.data === undefined) {
    return (
      <>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <TileError error={state.error} onRetry={state.reload} />
      </>
    );
  }
  return <Statistic title={title} loading={state.data === undefined} value={state.data ?? 0} suffix="单" />;
}
