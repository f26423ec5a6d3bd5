import { ROLE_LABELS, type IStaffAccount, type IStaffPasswordIssued, type StaffStatus } from '@app/shared';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import {
  createStaff,
  endStaffSessions,
  getOrganization,
  listStaff,
  resetStaffPassword,
  revokeGrant,
  setStaffStatus,
} from '../../api/admin';
import { describeError } from '../../api/api-error';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { applyFieldErrors } from '../../lib/form-rules';
import { useAsync } from '../../lib/use-async';
import { GrantRoleModal } from './GrantRoleModal';
import { scopeLabel } from './grant-logic';

export default function StaffAccountsPage() {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useAsync(() => listStaff({ q: q || undefined, page, pageSize: 20 }), [q, page]);
  const org = useAsync(getOrganization, []);
  const [form] = Form.useForm<{ name: string; username: string; phone?: string }>();
  const [issued, setIssued] = useState<{ title: string; value: IStaffPasswordIssued } | null>(null);
  const [granting, setGranting] = useState<IStaffAccount | null>(null);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      list.reload();
    } catch (err) {
      message.error(describeError(err));
    }
  };

  async function create(values: { name: string; username: string; phone?: string }) {
    try {
      const result = await createStaff({
        name: values.name.trim(),
        username: values.username.trim(),
        phone: values.phone?.trim() || undefined,
      });
      setIssued({ title: '账号已创建', value: result });
      form.resetFields();
      list.reload();
    } catch (err) {
      if (!applyFieldErrors(form, err)) message.error(describeError(err));
    }
  }

  async function reset(account: IStaffAccount) {
    try {
      setIssued({ title: '密码已重置', value: await resetStaffPassword(account.id) });
      list.reload();
    } catch (err) {
      message.error(describeError(err));
    }
  }

  const columns: TableColumnsType<IStaffAccount> = [
    { title: '姓名', dataIndex: 'name', width: 120 },
    { title: '用户名', dataIndex: 'username', width: 130 },
    { title: '手机号', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, s) => (
        <Space size={4} wrap>
          {s.status === 'active' ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>}
          {s.mustChangePassword ? <Tag color="orange">待改初始密码</Tag> : null}
        </Space>
      ),
    },
    {
      title: '角色与范围',
      key: 'grants',
      render: (_, s) => (
        <Space size={4} wrap>
          {s.grants.map((g) => (
            <Tag
              key={g.id}
              closable
              onClose={(e) => {
                e.preventDefault();
                void act(() => revokeGrant(s.id, g.id), `已撤销${ROLE_LABELS[g.role]}`);
              }}
            >
              {ROLE_LABELS[g.role]} · {scopeLabel(g)}
            </Tag>
          ))}
          <Button size="small" type="dashed" onClick={() => setGranting(s)} data-testid={`grant-${s.username}`}>
            授权
          </Button>
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 260,
      render: (_, s) => {
        const next: StaffStatus = s.status === 'active' ? 'disabled' : 'active';
        return (
          <Space size={0} wrap>
            <Popconfirm
              title={next === 'disabled' ? `停用 ${s.name}？其所有登录会立即失效。` : `启用 ${s.name}？`}
              onConfirm={() => act(() => setStaffStatus(s.id, next), next === 'disabled' ? '已停用' : '已启用')}
            >
              <Button size="small" type="link" danger={next === 'disabled'}>
                {next === 'disabled' ? '停用' : '启用'}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={`为 ${s.name} 重置密码？其所有登录会立即失效，下次登录须修改密码。`}
              onConfirm={() => reset(s)}
            >
              <Button size="small" type="link">
                重置密码
              </Button>
            </Popconfirm>
            <Popconfirm
              title={`让 ${s.name} 在所有设备上退出登录？`}
              onConfirm={() => act(() => endStaffSessions(s.id), '已强制下线')}
            >
              <Button size="small" type="link">
                强制下线
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  return (
    <div className="page" data-testid="staff-accounts-page">
      <PageHeader
        title="员工账号与权限"
        description="新建账号时系统生成临时密码，员工首次登录须修改。角色可按项目、区域或全公司授予；每次变更都记入审计日志。"
      />
      <Card variant="borderless" style={{ marginBottom: 16 }} title="新建员工账号">
        <Form name="new-staff" form={form} layout="inline" onFinish={create}>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input placeholder="姓名" maxLength={64} style={{ width: 140 }} aria-label="姓名" />
          </Form.Item>
          <Form.Item
            name="username"
            rules={[
              { required: true, message: '请填写用户名' },
              { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: '字母开头，3–32 位' },
            ]}
          >
            <Input placeholder="用户名（登录用）" maxLength={32} style={{ width: 180 }} aria-label="用户名" />
          </Form.Item>
          <Form.Item name="phone" rules={[{ pattern: /^1\d{10}$/, message: '11 位手机号' }]}>
            <Input placeholder="手机号（可选）" maxLength={11} style={{ width: 160 }} aria-label="手机号" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="create-staff">
            新建账号
          </Button>
        </Form>
      </Card>
      <Card variant="borderless">
        <Input.Search
          placeholder="按姓名、用户名或手机号搜索"
          allowClear
          style={{ width: 320, marginBottom: 12 }}
          onSearch={(v) => {
            setPage(1);
            setQ(v.trim());
          }}
        />
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} title="员工列表加载失败" />
        ) : (
          <Table<IStaffAccount>
            rowKey="id"
            size="middle"
            loading={list.loading && !list.data}
            columns={columns}
            dataSource={list.data?.items ?? []}
            pagination={{
              current: page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              onChange: setPage,
              showSizeChanger: false,
            }}
          />
        )}
      </Card>
      <Modal
        open={issued !== null}
        title={issued?.title}
        onOk={() => setIssued(null)}
        onCancel={() => setIssued(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText="我已记下"
      >
        {issued ? (
          <>
            <Typography.Paragraph>
              {issued.value.account.name}（{issued.value.account.username}
              ）的临时密码只显示这一次，请当面或电话告知本人；首次登录后须修改。
            </Typography.Paragraph>
            <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="temporary-password">
              {issued.value.temporaryPassword}
            </Typography.Text>
          </>
        ) : null}
      </Modal>
      {granting && org.data ? (
        <GrantRoleModal
          account={granting}
          organization={org.data}
          onClose={() => setGranting(null)}
          onGranted={() => {
            setGranting(null);
            list.reload();
          }}
        />
      ) : null}
    </div>
  );
}
