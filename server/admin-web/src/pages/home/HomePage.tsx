import { ROLE_LABELS, type IRoleGrant, type ScopeType } from '@app/shared';
import { Button, Card, Typography, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useMe } from '../../auth/session';
import { canOpen, pageByKey, type PageKey } from '../../layout/access';
import { useSelectedProject } from '../../layout/PageGuard';
import { useProject } from '../../layout/project-context';
import { greetingFor } from '../../lib/time';
import { MoneyTiles, hasMoneyDesk } from './tiles/MoneyTiles';
import { OperationsTiles, hasOperationsDesk } from './tiles/OperationsTiles';
import { QualityTiles, hasQualityDesk } from './tiles/QualityTiles';

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

/**
 * The workbench answers "what needs me now": each desk (houses and tickets, money, service quality) is shown
 * only to the roles the permission table lets act on it; nothing is shown greyed out for somebody else's job.
 */
export default function HomePage() {
  const me = useMe();
  const project = useSelectedProject();
  const { roles } = useProject();
  const navigate = useNavigate();
  const money = hasMoneyDesk(roles);
  const quality = hasQualityDesk(roles);
  // Somebody with neither a money nor a quality desk still gets the project's figures.
  const operations = hasOperationsDesk(roles) || (!money && !quality);
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

      {money ? (
        <Section title="收款与财务" testId="money-desk">
          <MoneyTiles projectId={project.id} roles={roles} />
        </Section>
      ) : null}
      {operations ? (
        <Section title={money || quality ? '房屋与工单' : null} testId="operations-desk">
          <OperationsTiles project={project} roles={roles} />
        </Section>
      ) : null}
      {quality ? (
        <Section title="服务品质" testId="quality-desk">
          <QualityTiles projectId={project.id} roles={roles} />
        </Section>
      ) : null}

      <Card variant="borderless" title="常用功能" data-testid="shortcuts-card">
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
    </div>
  );
}

function Section({ title, testId, children }: { title: string | null; testId: string; children: ReactNode }) {
  return (
    <section data-testid={testId} style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      {title ? (
        <Typography.Title level={5} style={{ margin: '4px 0 0' }}>
          {title}
        </Typography.Title>
      ) : null}
      {children}
    </section>
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
