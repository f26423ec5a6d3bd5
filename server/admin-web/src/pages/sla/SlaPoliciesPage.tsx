import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Permission, URGENCY_LABELS, roleCan, type ISlaPolicy } from '@app/shared';
import { Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { listSlaPolicies } from '../../api/sla';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useProject } from '../../layout/project-context';
import { useAsync } from '../../lib/use-async';
import { categoryLabel, useProjectCategories } from '../tickets/categories';
import { PolicyModal } from './PolicyModal';
import { LIMIT_FIELDS, limitText, sortPolicies } from './sla-logic';

export default function SlaPoliciesPage() {
  const project = useSelectedProject();
  return <SlaPoliciesView key={project.id} projectId={project.id} projectName={project.name} />;
}

/** 服务时限 (docs/sla.md): the project's limits per category × urgency; the domain defaults where none is set. */
function SlaPoliciesView({ projectId, projectName }: { projectId: number; projectName: string }) {
  const { roles } = useProject();
  const canEdit = roleCan(roles, Permission.DispatchPolicyEdit);
  const policies = useAsync(() => listSlaPolicies(projectId), [projectId]);
  const categories = useProjectCategories(projectId);
  const [editing, setEditing] = useState<ISlaPolicy | 'new' | null>(null);

  const columns: TableColumnsType<ISlaPolicy> = [
    {
      title: '类别',
      dataIndex: 'category',
      width: 240,
      render: (c: string, p) => (
        <Space>
          {c === '*' ? '默认（未单独设置的类别）' : categoryLabel(c, categories.data)}
          {p.isDefault ? <Tag>系统默认</Tag> : null}
        </Space>
      ),
    },
    {
      title: '紧急程度',
      dataIndex: 'urgency',
      width: 100,
      render: (u: ISlaPolicy['urgency']) => (
        <Tag color={u === 'emergency' ? 'red' : undefined}>{URGENCY_LABELS[u]}</Tag>
      ),
    },
    ...LIMIT_FIELDS.map(({ field, label }) => ({
      title: label,
      dataIndex: field,
      width: 150,
      render: (m: number | null) =>
        m === null ? <Typography.Text type="secondary">{limitText(field, m)}</Typography.Text> : limitText(field, m),
    })),
    ...(canEdit
      ? [
          {
            title: '',
            key: 'edit',
            width: 90,
            render: (_: unknown, p: ISlaPolicy) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="page" data-testid="sla-policies-page">
      <PageHeader
        title="服务时限"
        description={`${projectName} · 响应从报修起算至师傅接单，到场从接单起算至签到，完成从报修起算至完工，回访从验收起算；挂起期间暂停计时。到达 75% 时提醒，超时后逐级上报。`}
        extra={
          <Space>
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新增类别时限
              </Button>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={policies.reload}>
              刷新
            </Button>
          </Space>
        }
      />
      <Card variant="borderless">
        {policies.error && !policies.data ? (
          <ErrorState error={policies.error} onRetry={policies.reload} title="服务时限加载失败" />
        ) : (
          <Table<ISlaPolicy>
            rowKey={(p) => `${p.category}:${p.urgency}`}
            size="middle"
            loading={policies.loading}
            pagination={false}
            dataSource={sortPolicies(policies.data ?? [])}
            columns={columns}
            data-testid="sla-policies"
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          系统默认：紧急 响应 30 分钟、到场 30 分钟、完成 2 小时；一般 响应 2 小时、按约定时间上门；验收后 24
          小时内回访。某类别未单独设置时使用“默认”行。
        </Typography.Paragraph>
      </Card>
      {editing ? (
        <PolicyModal
          projectId={projectId}
          policy={editing === 'new' ? null : editing}
          categories={categories.data ?? []}
          taken={policies.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            policies.reload();
          }}
        />
      ) : null}
    </div>
  );
}
