import type { IOrganization, IProjectNode } from '@app/shared';
import { App, Button, Card, Form, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { createProject, createRegion, getOrganization, renameProject, renameRegion } from '../../api/admin';
import { describeError } from '../../api/api-error';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useProject } from '../../layout/project-context';
import { applyFieldErrors } from '../../lib/form-rules';
import { useAsync } from '../../lib/use-async';
import { ProjectStructureCard } from './ProjectStructureCard';
import { RenameButton } from './RenameButton';

type ProjectRow = IProjectNode & { regionName: string };

export default function OrganizationPage() {
  const { message } = App.useApp();
  const projects = useProject();
  const org = useAsync(getOrganization, []);
  const [regionForm] = Form.useForm<{ code: string; name: string }>();
  const [projectForm] = Form.useForm<{ regionId: number; code: string; name: string; address?: string }>();
  const [selected, setSelected] = useState<number | null>(null);

  const reload = () => {
    org.reload();
    projects.reload();
  };
  const rows: ProjectRow[] = (org.data?.regions ?? []).flatMap((r) =>
    r.projects.map((p) => ({ ...p, regionName: r.name })),
  );
  const current = rows.find((p) => p.id === selected) ?? rows[0] ?? null;

  async function addRegion(values: { code: string; name: string }) {
    try {
      const region = await createRegion(values);
      message.success(`已新建区域「${region.name}」`);
      regionForm.resetFields();
      reload();
    } catch (err) {
      if (!applyFieldErrors(regionForm, err)) message.error(describeError(err));
    }
  }

  async function addProject(values: { regionId: number; code: string; name: string; address?: string }) {
    try {
      const project = await createProject({ ...values, code: values.code.trim().toUpperCase() });
      message.success(`已新建项目「${project.name}」`);
      projectForm.resetFields();
      setSelected(project.id);
      reload();
    } catch (err) {
      if (!applyFieldErrors(projectForm, err)) message.error(describeError(err));
    }
  }

  const columns: TableColumnsType<ProjectRow> = [
    { title: '区域', dataIndex: 'regionName', width: 160 },
    { title: '项目编码', dataIndex: 'code', width: 120 },
    { title: '项目名称', dataIndex: 'name' },
    { title: '地址', dataIndex: 'address' },
    {
      title: '',
      key: 'actions',
      width: 160,
      render: (_, p) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => setSelected(p.id)}>
            楼栋与部门
          </Button>
          <RenameButton
            current={p.name}
            what="项目"
            maxLength={100}
            save={(name) => renameProject(p.id, name).then(reload)}
          />
        </Space>
      ),
    },
  ];

  if (org.error && !org.data) return <ErrorState error={org.error} onRetry={org.reload} title="组织架构加载失败" />;
  const data: IOrganization | undefined = org.data;
  return (
    <div className="page" data-testid="organization-page">
      <PageHeader
        title="组织架构"
        description={`${data?.companyName ?? ''} · 公司 → 区域 → 项目（小区）→ 楼栋 → 单元。房屋在「房屋档案」中按项目导入。`}
      />
      <Card title="区域" variant="borderless" style={{ marginBottom: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          {(data?.regions ?? []).map((r) => (
            <Space key={r.id} size={4} className="region-chip">
              <Typography.Text strong>{r.name}</Typography.Text>
              <Typography.Text type="secondary">
                {r.code} · {r.projects.length} 个项目
              </Typography.Text>
              <RenameButton
                current={r.name}
                what="区域"
                maxLength={100}
                save={(name) => renameRegion(r.id, name).then(reload)}
              />
            </Space>
          ))}
          {data && !data.regions.length ? (
            <Typography.Text type="secondary">还没有区域，先新建一个。</Typography.Text>
          ) : null}
        </Space>
        <Form name="new-region" form={regionForm} layout="inline" onFinish={addRegion}>
          <Form.Item name="code" rules={[{ required: true, message: '请填写区域编码' }]}>
            <Input placeholder="区域编码，如 SZ" style={{ width: 160 }} maxLength={32} aria-label="区域编码" />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写区域名称' }]}>
            <Input placeholder="区域名称，如 深圳区域" style={{ width: 220 }} maxLength={100} aria-label="区域名称" />
          </Form.Item>
          <Button htmlType="submit" data-testid="add-region">
            新建区域
          </Button>
        </Form>
      </Card>
      <Card title="项目（小区）" variant="borderless" style={{ marginBottom: 16 }}>
        <Table<ProjectRow>
          rowKey="id"
          size="middle"
          loading={org.loading && !data}
          columns={columns}
          dataSource={rows}
          pagination={false}
          rowClassName={(p) => (p.id === current?.id ? 'ant-table-row-selected' : '')}
        />
        <Form name="new-project" form={projectForm} layout="inline" onFinish={addProject} style={{ marginTop: 16 }}>
          <Form.Item name="regionId" rules={[{ required: true, message: '请选择区域' }]}>
            <Select
              placeholder="所属区域"
              style={{ width: 160 }}
              options={(data?.regions ?? []).map((r) => ({ value: r.id, label: r.name }))}
              aria-label="所属区域"
            />
          </Form.Item>
          <Form.Item
            name="code"
            rules={[
              { required: true, message: '请填写项目编码' },
              { pattern: /^[A-Za-z0-9]{2,16}$/, message: '2–16 位字母或数字' },
            ]}
          >
            <Input placeholder="项目编码（工单编号用）" style={{ width: 190 }} maxLength={16} aria-label="项目编码" />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
            <Input placeholder="项目名称" style={{ width: 200 }} maxLength={100} aria-label="项目名称" />
          </Form.Item>
          <Form.Item name="address">
            <Input placeholder="地址（可选）" style={{ width: 220 }} maxLength={200} aria-label="项目地址" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="add-project">
            新建项目
          </Button>
        </Form>
      </Card>
      {current ? <ProjectStructureCard key={current.id} project={current} /> : null}
    </div>
  );
}
