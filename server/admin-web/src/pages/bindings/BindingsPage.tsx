import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { BINDING_RELATION_LABELS, BindingStatus, type IBinding } from '@app/shared';
import {
  App,
  Badge,
  Button,
  Card,
  Empty,
  Popconfirm,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { approveBinding, listBindings, rejectBinding } from '../../api/bindings';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { ReasonModal } from '../../components/ReasonModal';
import { reviewFailure } from './review-errors';

const REJECT_REASONS = ['信息与房屋档案不符', '无法联系申请人核实', '业主未同意该申请', '请上传有效的产权或租赁证明'];

type TabStatus = typeof BindingStatus.Pending | typeof BindingStatus.Approved | typeof BindingStatus.Rejected;

const EMPTY_TEXT: Record<TabStatus, string> = {
  pending: '没有待审核的认证申请，住户提交后会出现在这里',
  approved: '还没有通过的认证',
  rejected: '还没有驳回的申请',
};

const RELATION_COLORS: Record<string, string> = { owner: 'blue', tenant: 'orange', family: 'green' };

export default function BindingsPage() {
  const project = useSelectedProject();
  return <BindingsView key={project.id} />;
}

function BindingsView() {
  const project = useSelectedProject();
  const { message } = App.useApp();
  const [status, setStatus] = useState<TabStatus>(BindingStatus.Pending);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [actingId, setActingId] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<IBinding | null>(null);

  const list = useAsync(
    () => listBindings({ projectId: project.id, status, page, pageSize }),
    [project.id, status, page, pageSize],
  );
  const pendingCount = useAsync(
    () =>
      listBindings({ projectId: project.id, status: BindingStatus.Pending, page: 1, pageSize: 1 }).then((p) => p.total),
    [project.id],
  );

  function refresh() {
    list.reload();
    pendingCount.reload();
  }

  async function review(binding: IBinding, action: () => Promise<IBinding>, done: string): Promise<boolean> {
    setActingId(binding.id);
    try {
      await action();
      message.success(done);
      refresh();
      return true;
    } catch (error) {
      const failure = reviewFailure(error);
      if (failure.conflict) {
        message.warning(failure.message);
        refresh();
        return true;
      }
      message.error(failure.message);
      return false;
    } finally {
      setActingId(null);
    }
  }

  const columns = useMemo<TableColumnsType<IBinding>>(() => {
    const base: TableColumnsType<IBinding> = [
      { title: '房屋', dataIndex: 'houseLabel' },
      { title: '申请人', dataIndex: 'name', width: 120 },
      {
        title: '关系',
        dataIndex: 'relation',
        width: 100,
        render: (r: IBinding['relation']) => <Tag color={RELATION_COLORS[r]}>{BINDING_RELATION_LABELS[r] ?? r}</Tag>,
      },
      { title: '手机号', dataIndex: 'phoneMasked', width: 140 },
      { title: '申请时间', dataIndex: 'createdAt', width: 170, render: (t: string) => formatDateTime(t) },
    ];
    if (status === BindingStatus.Pending) {
      base.push({
        title: '操作',
        key: 'actions',
        width: 180,
        render: (_, binding) => (
          <Space>
            <Popconfirm
              title={`通过 ${binding.name} 的认证？`}
              description={`${binding.houseLabel} · ${BINDING_RELATION_LABELS[binding.relation]}`}
              okText="通过"
              onConfirm={() => review(binding, () => approveBinding(binding.id), `已通过 ${binding.name} 的认证`)}
            >
              <Button type="primary" size="small" icon={<CheckOutlined />} loading={actingId === binding.id}>
                通过
              </Button>
            </Popconfirm>
            <Button
              danger
              size="small"
              icon={<CloseOutlined />}
              disabled={actingId === binding.id}
              onClick={() => setRejecting(binding)}
            >
              驳回
            </Button>
          </Space>
        ),
      });
    } else {
      base.push(
        { title: '审核人', dataIndex: 'reviewedByName', width: 110, render: (n: string | null) => n ?? '—' },
        {
          title: '审核时间',
          dataIndex: 'reviewedAt',
          width: 170,
          render: (t: string | null) => formatDateTime(t) || '—',
        },
      );
      if (status === BindingStatus.Rejected) {
        base.push({
          title: '驳回原因',
          dataIndex: 'rejectReason',
          ellipsis: { showTitle: false },
          render: (r: string | null) => <Tooltip title={r}>{r ?? '—'}</Tooltip>,
        });
      }
    }
    return base;
    // review and message are stable enough per render; columns only depend on what is shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, actingId]);

  return (
    <div className="page" data-testid="bindings-page">
      <PageHeader
        title="住户认证审核"
        description={`${project.name} · 核实住户与房屋的关系后通过；通过后住户即可为该房屋报修、缴费。`}
        extra={
          <Button icon={<ReloadOutlined />} onClick={refresh}>
            刷新
          </Button>
        }
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          activeKey={status}
          onChange={(key) => {
            setStatus(key as TabStatus);
            setPage(1);
          }}
          items={[
            {
              key: BindingStatus.Pending,
              label: (
                <Space size={6}>
                  待审核
                  <Badge count={pendingCount.data ?? 0} overflowCount={999} />
                </Space>
              ),
            },
            { key: BindingStatus.Approved, label: '已通过' },
            { key: BindingStatus.Rejected, label: '已驳回' },
          ]}
        />
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} title="认证申请加载失败" />
        ) : (
          <Table<IBinding>
            data-testid="bindings-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            locale={{ emptyText: list.loading ? ' ' : <Empty description={EMPTY_TEXT[status]} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => `共 ${total} 条`,
              onChange: (nextPage, nextSize) => {
                setPage(nextSize !== pageSize ? 1 : nextPage);
                setPageSize(nextSize);
              },
            }}
          />
        )}
      </Card>
      <ReasonModal
        open={rejecting !== null}
        title="驳回认证申请"
        okText="确认驳回"
        danger
        label="驳回原因"
        placeholder="例如：姓名与产权信息不一致，请核对后重新提交"
        quickReasons={REJECT_REASONS}
        intro={
          rejecting ? (
            <>
              {rejecting.name} 申请认证 <strong>{rejecting.houseLabel}</strong>
              。驳回原因会通知申请人，请写清楚如何补正。
            </>
          ) : null
        }
        onCancel={() => setRejecting(null)}
        onSubmit={async (reason) => {
          if (!rejecting) return;
          const target = rejecting;
          const closed = await review(target, () => rejectBinding(target.id, reason), `已驳回 ${target.name} 的申请`);
          if (closed) setRejecting(null);
        }}
      />
    </div>
  );
}
