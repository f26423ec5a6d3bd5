import type { IBuildingSummary, IDepartment, IProjectNode, IStaffAccount } from '@app/shared';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import {
  createBuilding,
  createDepartment,
  createUnit,
  listDepartments,
  listStaff,
  renameBuilding,
  renameUnit,
  updateDepartment,
} from '../../api/admin';
import { describeError } from '../../api/api-error';
import { listBuildings } from '../../api/property';
import { useAsync } from '../../lib/use-async';
import { RenameButton } from './RenameButton';

const DEPARTMENT_SUGGESTIONS = ['工程部', '保洁部', '绿化部', '秩序部', '客服部'];

/** One project's buildings with their units, and its departments with their supervisors. */
export function ProjectStructureCard({ project }: { project: IProjectNode }) {
  const { message } = App.useApp();
  const buildings = useAsync(() => listBuildings(project.id), [project.id]);
  const departments = useAsync(() => listDepartments(project.id), [project.id]);
  const staff = useAsync(() => listStaff({ status: 'active', pageSize: 200 }).then((p) => p.items), []);
  const [buildingForm] = Form.useForm<{ name: string }>();
  const [departmentForm] = Form.useForm<{ name: string; supervisorUserId?: number }>();

  const run = async (work: () => Promise<unknown>, done: string, after: () => void) => {
    try {
      await work();
      message.success(done);
      after();
    } catch (err) {
      message.error(describeError(err));
    }
  };
  const staffOptions = (staff.data ?? []).map((s: IStaffAccount) => ({
    value: s.id,
    label: `${s.name}（${s.username ?? s.phone ?? s.id}）`,
  }));

  const buildingColumns: TableColumnsType<IBuildingSummary> = [
    {
      title: '楼栋',
      key: 'name',
      width: 200,
      render: (_, b) => (
        <Space>
          {b.name}
          <RenameButton
            current={b.name}
            what="楼栋"
            maxLength={32}
            save={(name) => renameBuilding(b.id, name).then(buildings.reload)}
          />
        </Space>
      ),
    },
    {
      title: '单元',
      key: 'units',
      render: (_, b) => (
        <Space wrap>
          {b.units.map((u) => (
            <Tag key={u.id}>
              {u.name}
              <RenameButton
                current={u.name}
                what="单元"
                maxLength={32}
                save={(name) => renameUnit(u.id, name).then(buildings.reload)}
              />
            </Tag>
          ))}
          <Input.Search
            size="small"
            placeholder="新单元，如 1单元"
            enterButton="添加"
            maxLength={32}
            style={{ width: 200 }}
            aria-label={`${b.name} 新单元`}
            onSearch={(name, _e, info) => {
              if (info?.source === 'clear' || !name.trim()) return;
              void run(() => createUnit(b.id, name.trim()), `已添加 ${b.name}${name.trim()}`, buildings.reload);
            }}
          />
        </Space>
      ),
    },
  ];

  const departmentColumns: TableColumnsType<IDepartment> = [
    {
      title: '部门',
      key: 'name',
      width: 200,
      render: (_, d) => (
        <Space>
          {d.name}
          <RenameButton
            current={d.name}
            what="部门"
            maxLength={32}
            save={(name) =>
              updateDepartment(d.id, { name, supervisorUserId: d.supervisorUserId }).then(departments.reload)
            }
          />
        </Space>
      ),
    },
    {
      title: '主管',
      key: 'supervisor',
      render: (_, d) => (
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="选择主管"
          style={{ width: 260 }}
          value={d.supervisorUserId ?? undefined}
          options={staffOptions}
          aria-label={`${d.name} 主管`}
          onChange={(value?: number) =>
            void run(
              () => updateDepartment(d.id, { name: d.name, supervisorUserId: value ?? null }),
              `已更新${d.name}主管`,
              departments.reload,
            )
          }
        />
      ),
    },
  ];

  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Card title={`${project.name} · 楼栋与单元`} variant="borderless" data-testid="buildings-card">
          <Table<IBuildingSummary>
            rowKey="id"
            size="small"
            loading={buildings.loading && !buildings.data}
            columns={buildingColumns}
            dataSource={buildings.data ?? []}
            pagination={false}
          />
          <Form
            name="new-building"
            form={buildingForm}
            layout="inline"
            style={{ marginTop: 12 }}
            onFinish={(v) =>
              run(
                () => createBuilding(project.id, v.name.trim()),
                `已新建楼栋「${v.name.trim()}」`,
                () => {
                  buildingForm.resetFields();
                  buildings.reload();
                },
              )
            }
          >
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写楼栋名称' }]}>
              <Input placeholder="楼栋名称，如 1栋" maxLength={32} style={{ width: 200 }} aria-label="楼栋名称" />
            </Form.Item>
            <Button htmlType="submit" data-testid="add-building">
              新建楼栋
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={`${project.name} · 部门与主管`} variant="borderless" data-testid="departments-card">
          <Table<IDepartment>
            rowKey="id"
            size="small"
            loading={departments.loading && !departments.data}
            columns={departmentColumns}
            dataSource={departments.data ?? []}
            pagination={false}
          />
          <Form
            name="new-department"
            form={departmentForm}
            layout="inline"
            style={{ marginTop: 12 }}
            onFinish={(v) =>
              run(
                () =>
                  createDepartment(project.id, { name: v.name.trim(), supervisorUserId: v.supervisorUserId ?? null }),
                `已新建${v.name.trim()}`,
                () => {
                  departmentForm.resetFields();
                  departments.reload();
                },
              )
            }
          >
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写部门名称' }]}>
              <AutoComplete
                placeholder="部门，如 工程部"
                style={{ width: 150 }}
                options={DEPARTMENT_SUGGESTIONS.map((n) => ({ value: n }))}
                aria-label="部门名称"
                maxLength={32}
              />
            </Form.Item>
            <Form.Item name="supervisorUserId">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="主管（可选）"
                style={{ width: 180 }}
                options={staffOptions}
                aria-label="部门主管"
              />
            </Form.Item>
            <Button htmlType="submit">新建部门</Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
