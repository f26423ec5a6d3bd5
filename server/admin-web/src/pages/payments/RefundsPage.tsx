import {
  Permission,
  REFUND_STATUS_LABELS,
  TENDER_METHOD_LABELS,
  formatFen,
  roleCan,
  type IRefund,
  type RefundStatus,
} from '@app/shared';
import { App, Button, Card, Empty, Popconfirm, Radio, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { completeRefund, decideRefund, listRefunds } from '../../api/payments';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useProject } from '../../layout/project-context';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { ReasonModal } from '../../components/ReasonModal';

const COLORS: Record<RefundStatus, string> = {
  requested: 'orange',
  rejected: 'red',
  approved: 'blue',
  succeeded: 'green',
  failed: 'red',
};
/** Cash and transfer refunds are handed back at the desk; WeChat ones finish through WeChat Pay. */
const HANDED_BACK = ['cash', 'transfer', 'pos'];

/** 退款: requests wait for finance (never the requester); approved cash/transfer refunds are completed by the cashier. */
export default function RefundsPage() {
  const project = useSelectedProject();
  const { roles } = useProject();
  const { message } = App.useApp();
  const [status, setStatus] = useState<RefundStatus | 'all'>('requested');
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<IRefund | null>(null);
  const list = useAsync(
    () => listRefunds({ projectId: project.id, status: status === 'all' ? undefined : status, page, pageSize: 20 }),
    [project.id, status, page],
  );
  const canDecide = roleCan(roles, Permission.RefundApprove);
  const canComplete = roleCan(roles, Permission.PaymentCollect);

  async function act(run: () => Promise<IRefund>, done: string) {
    try {
      await run();
      message.success(done);
      setRejecting(null);
    } catch (err) {
      message.error(describeError(err));
    } finally {
      list.reload();
    }
  }

  const columns: TableColumnsType<IRefund> = [
    { title: '申请时间', key: 'at', width: 150, render: (_, r) => formatDateTime(r.createdAt) },
    { title: '房屋', dataIndex: 'houseLabel', width: 140 },
    { title: '原收款', key: 'm', width: 100, render: (_, r) => TENDER_METHOD_LABELS[r.method] },
    {
      title: '退款金额',
      key: 'amt',
      width: 110,
      align: 'right',
      render: (_, r) => <b className="money">{formatFen(r.amountFen)}</b>,
    },
    { title: '原因', dataIndex: 'reason' },
    { title: '申请人', dataIndex: 'requestedByName', width: 90 },
    {
      title: '状态',
      key: 's',
      width: 90,
      render: (_, r) => <Tag color={COLORS[r.status]}>{REFUND_STATUS_LABELS[r.status]}</Tag>,
    },
    {
      title: '审批',
      key: 'd',
      width: 140,
      render: (_, r) =>
        r.decidedByName ? `${r.decidedByName}${r.decisionReason ? `：${r.decisionReason}` : ''}` : '—',
    },
    {
      title: '操作',
      key: 'act',
      width: 180,
      render: (_, r) => {
        if (r.status === 'requested' && canDecide) {
          return (
            <Space>
              <Popconfirm
                title={`同意退款 ${formatFen(r.amountFen)}？`}
                onConfirm={() => act(() => decideRefund(r.id, true), '已同意退款')}
              >
                <Button size="small" type="primary" data-testid="approve-refund">
                  同意
                </Button>
              </Popconfirm>
              <Button size="small" danger onClick={() => setRejecting(r)}>
                驳回
              </Button>
            </Space>
          );
        }
        if (r.status === 'approved' && canComplete && HANDED_BACK.includes(r.method)) {
          return (
            <Popconfirm
              title={`确认已将 ${formatFen(r.amountFen)} 退还给住户？`}
              onConfirm={() => act(() => completeRefund(r.id), '已登记退款完成')}
            >
              <Button size="small" data-testid="complete-refund">
                登记已退还
              </Button>
            </Popconfirm>
          );
        }
        return null;
      },
    },
  ];

  return (
    <div className="page" data-testid="refunds-page">
      <PageHeader
        title="退款"
        description={`${project.name} · 退款申请由财务审批（申请人不能审批自己的申请），微信支付原路退回，现金/转账由收银员退还后登记。`}
      />
      <Card variant="borderless">
        <Radio.Group
          style={{ marginBottom: 12 }}
          optionType="button"
          value={status}
          onChange={(e) => (setStatus(e.target.value as RefundStatus | 'all'), setPage(1))}
          options={[
            ...(Object.keys(REFUND_STATUS_LABELS) as RefundStatus[]).map((s) => ({
              value: s,
              label: REFUND_STATUS_LABELS[s],
            })),
            { value: 'all', label: '全部' },
          ]}
        />
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} title="退款列表加载失败" />
        ) : (
          <Table<IRefund>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            pagination={{
              current: page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              onChange: setPage,
              showSizeChanger: false,
            }}
            locale={{ emptyText: list.loading ? ' ' : <Empty description="没有退款申请" /> }}
          />
        )}
      </Card>
      <ReasonModal
        open={!!rejecting}
        title="驳回退款"
        okText="确认驳回"
        danger
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) =>
          rejecting ? act(() => decideRefund(rejecting.id, false, reason), '已驳回退款申请') : Promise.resolve()
        }
      />
    </div>
  );
}
