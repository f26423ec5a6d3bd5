import { ArrowRightOutlined, ReloadOutlined } from '@ant-design/icons';
import { BindingStatus, ROLE_LABELS, TicketStatus, type IRoleGrant, type ScopeType } from '@app/shared';
import { Button, Card, Col, Empty, Progress, Row, Skeleton, Statistic, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { listBindings } from '../../api/bindings';
import { listBuildings } from '../../api/property';
import { listTechnicians } from '../../api/technicians';
import { listTickets } from '../../api/tickets';
import { useMe } from '../../auth/session';
import { canOpen, pageByKey, type PageKey } from '../../layout/access';
import { useSelectedProject } from '../../layout/PageGuard';
import { useProject } from '../../layout/project-context';
import { greetingFor } from '../../lib/time';
import { useAsync, type AsyncState } from '../../lib/use-async';
import { managerCoverage } from './coverage';

const SCOPE_LABELS: Record<ScopeType, string> = { project: '项目', region: '区域', company: '全公司' };

/** Pages that exist, offered on the workbench to whoever may open them (the menu's own rule). */
const SHORTCUTS: readonly PageKey[] = [
  'tickets',
  'ticket-new',
  'dispatch-queue',
  'escalated',
  'cash',
  'counter-sales',
  'waivers',
  'fee-schedule',
  'service-categories',
];

export default function HomePage() {
  const me = useMe();
  const project = useSelectedProject();
  const { roles } = useProject();
  const navigate = useNavigate();
  const mayReview = canOpen(pageByKey('bindings'), roles);
  const mayManageTechnicians = canOpen(pageByKey('technicians'), roles);
  const mayWorkTickets = canOpen(pageByKey('tickets'), roles);

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
  const shortcuts = SHORTCUTS.filter((key) => canOpen(pageByKey(key), roles)).map(pageByKey);

  return (
    <div className="page" data-testid="home-page">
      <Card variant="borderless">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="greeting">
          {greetingFor()}，{me.name}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 12px' }}>
          当前项目：{project.name} · {project.regionName}
        </Typography.Paragraph>
        <RoleGrants grants={me.roles} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} xl={6}>
          <Card variant="borderless">
            <Statistic title="本项目房屋" value={project.houseCount} suffix="户" />
            <CardLink
              onClick={() => navigate('/houses')}
              show={canOpen(pageByKey('houses'), roles)}
              label="查看房屋档案"
            />
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card variant="borderless">
            <AsyncStatistic
              title="待审核住户认证"
              state={pending}
              suffix="条"
              hidden={!mayReview}
              hiddenText="审核由客户经理负责"
            />
            <CardLink onClick={() => navigate('/bindings')} show={mayReview} label="去审核" />
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card variant="borderless">
            <AsyncStatistic title="楼栋" state={buildings} suffix="栋" pick={(b) => b.length} />
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card variant="borderless">
            <AsyncStatistic
              title="在岗维修师傅"
              state={technicians}
              pick={(list) => list?.filter((t) => t.onDuty).length ?? null}
              suffixFor={(list) => (list ? `/ ${list.length} 人` : '')}
              hidden={!mayManageTechnicians}
              hiddenText="由部门主管维护"
            />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card variant="borderless" title="楼栋客户经理覆盖率" style={{ height: '100%' }}>
            {buildings.loading && !buildings.data ? <Skeleton active /> : null}
            {buildings.error ? <RetryLine onRetry={buildings.reload} /> : null}
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
        <Col xs={24} lg={8}>
          <Card variant="borderless" title="工单" style={{ height: '100%' }} data-testid="ticket-card">
            <Row gutter={16}>
              <Col span={12}>
                <AsyncStatistic
                  title="待受理"
                  state={submitted}
                  suffix="单"
                  hidden={!mayWorkTickets}
                  hiddenText="由客户经理受理"
                />
              </Col>
              <Col span={12}>
                <AsyncStatistic
                  title="待回访"
                  state={toVisit}
                  suffix="单"
                  hidden={!mayWorkTickets}
                  hiddenText="由客户经理回访"
                />
              </Col>
            </Row>
            <CardLink onClick={() => navigate('/tickets')} show={mayWorkTickets} label="去工单中心" />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card variant="borderless" title="常用功能" style={{ height: '100%' }} data-testid="shortcuts-card">
            {shortcuts.length === 0 ? (
              <Typography.Text type="secondary">您的岗位在本项目没有其他可办理的页面。</Typography.Text>
            ) : (
              <div className="toolbar">
                {shortcuts.map((page) => (
                  <Button key={page.key} onClick={() => navigate(page.path)}>
                    {page.label}
                  </Button>
                ))}
              </div>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function RoleGrants({ grants }: { grants: IRoleGrant[] }) {
  if (grants.length === 0) return <Typography.Text type="secondary">尚未分配角色，请联系管理员。</Typography.Text>;
  return (
    <div className="toolbar" data-testid="role-grants">
      {grants.map((g) => (
        <Tag
          key={`${g.role}-${g.scopeType}-${g.scopeId}`}
          color="geekblue"
          style={{ padding: '2px 10px', fontSize: 13 }}
        >
          {ROLE_LABELS[g.role]} · {SCOPE_LABELS[g.scopeType]}：{g.scopeName}
        </Tag>
      ))}
    </div>
  );
}

interface AsyncStatisticProps<T> {
  title: string;
  state: AsyncState<T>;
  pick?: (data: T) => number | null;
  suffix?: string;
  suffixFor?: (data: T) => string;
  hidden?: boolean;
  hiddenText?: string;
}

function AsyncStatistic<T>({ title, state, pick, suffix, suffixFor, hidden, hiddenText }: AsyncStatisticProps<T>) {
  if (hidden)
    return (
      <Statistic
        title={title}
        value="—"
        suffix={
          <Tooltip title={hiddenText}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {hiddenText}
            </Typography.Text>
          </Tooltip>
        }
      />
    );
  if (state.error) {
    return (
      <Statistic
        title={title}
        value="—"
        suffix={
          <Button size="small" type="link" icon={<ReloadOutlined />} onClick={state.reload}>
            重试
          </Button>
        }
      />
    );
  }
  const data = state.data;
  const value = data === undefined ? null : pick ? pick(data) : (data as unknown as number | null);
  return (
    <Statistic
      title={title}
      loading={state.loading && data === undefined}
      value={value ?? '—'}
      suffix={data !== undefined && suffixFor ? suffixFor(data) : suffix}
    />
  );
}

function CardLink({ onClick, show, label }: { onClick: () => void; show: boolean; label: string }) {
  if (!show) return null;
  return (
    <Button type="link" style={{ padding: 0, marginTop: 8 }} onClick={onClick}>
      {label} <ArrowRightOutlined />
    </Button>
  );
}

function RetryLine({ onRetry }: { onRetry: () => void }): ReactNode {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="加载失败">
      <Button icon={<ReloadOutlined />} onClick={onRetry}>
        重试
      </Button>
    </Empty>
  );
}
