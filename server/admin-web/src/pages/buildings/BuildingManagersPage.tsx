import { EditOutlined } from '@ant-design/icons';
import { Role, type IBuildingSummary } from '@app/shared';
import { Alert, App, Button, Card, Empty, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { assignCustomerManagers, listBuildings, listStaff } from '../../api/property';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { managerCoverage } from '../home/coverage';

export default function BuildingManagersPage() {
  const project = useSelectedProject();
  return <BuildingManagersView key={project.id} />;
}

function BuildingManagersView() {
  const project = useSelectedProject();
  const { message } = App.useApp();
  const buildings = useAsync(() => listBuildings(project.id), [project.id]);
  const staff = useAsync(() => listStaff(project.id, Role.CustomerManager), [project.id]);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [draft, setDraft] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);

  function startEdit(building: IBuildingSummary) {
    setEditingId(building.id);
    setDraft(building.customerManagers.map((m) => m.userId));
  }

  async function save(building: IBuildingSummary) {
    setSaving(true);
    try {
      const updated = await assignCustomerManagers(building.id, draft);
      buildings.setData((list) => list?.map((b) => (b.id === updated.id ? updated : b)));
      setEditingId(null);
      message.success(`${building.name} 的客户经理已更新`);
    } catch (error) {
      message.error(describeError(error, '保存失败，请稍后重试'));
    } finally {
      setSaving(false);
    }
  }

  const staffOptions = (staff.data ?? []).map((s) => ({ value: s.userId, label: `${s.name}（${s.phoneMasked}）` }));

  const columns: TableColumnsType<IBuildingSummary> = [
    { title: '楼栋', dataIndex: 'name', width: 160 },
    { title: '单元', key: 'units', width: 100, render: (_, b) => `${b.units.length} 个` },
    {
      title: '专属客户经理',
      key: 'managers',
      render: (_, b) =>
        editingId === b.id ? (
          <Select
            mode="multiple"
            autoFocus
            style={{ width: '100%', maxWidth: 420 }}
            placeholder={staff.error ? '客户经理名单加载失败' : '选择客户经理'}
            loading={staff.loading}
            options={staffOptions}
            value={draft}
            onChange={setDraft}
            optionFilterProp="label"
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本项目暂无客户经理账号" />}
          />
        ) : b.customerManagers.length > 0 ? (
          b.customerManagers.map((m) => (
            <Tag key={m.userId} color="blue">
              {m.name}
            </Tag>
          ))
        ) : (
          <Tag color="warning">未指派</Tag>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      render: (_, b) =>
        editingId === b.id ? (
          <Space>
            <Button type="primary" size="small" loading={saving} onClick={() => save(b)}>
              保存
            </Button>
            <Button size="small" disabled={saving} onClick={() => setEditingId(null)}>
              取消
            </Button>
          </Space>
        ) : (
          <Button size="small" icon={<EditOutlined />} disabled={editingId !== null} onClick={() => startEdit(b)}>
            编辑
          </Button>
        ),
    },
  ];

  const coverage = buildings.data ? managerCoverage(buildings.data) : null;
  const uncovered = coverage ? coverage.total - coverage.covered : 0;

  return (
    <div className="page" data-testid="building-managers-page">
      <PageHeader
        title="楼栋客户经理"
        description={`${project.name} · 每栋楼指派专属客户经理，负责该楼住户的报修受理、认证审核与回访。`}
      />
      {uncovered > 0 ? <Alert type="warning" showIcon title={`还有 ${uncovered} 栋楼未指派客户经理`} /> : null}
      <Card variant="borderless">
        {buildings.error && !buildings.data ? (
          <ErrorState error={buildings.error} onRetry={buildings.reload} title="楼栋加载失败" />
        ) : (
          <Table<IBuildingSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={buildings.data ?? []}
            loading={buildings.loading}
            pagination={false}
            locale={{
              emptyText: buildings.loading ? ' ' : <Empty description="本项目还没有楼栋，请先在“房屋档案”中导入房屋" />,
            }}
          />
        )}
        {coverage && coverage.total > 0 ? (
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            共 {coverage.total} 栋，已指派 {coverage.covered} 栋
          </Typography.Paragraph>
        ) : null}
      </Card>
    </div>
  );
}
