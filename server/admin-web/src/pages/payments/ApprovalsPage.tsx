import { Permission, TENDER_METHOD_LABELS, formatFen, roleCan, type IPayment } from '@app/shared';
import { App, Button, Card, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { decidePayment, listPendingApprovals } from '../../api/payments';
import { useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useProject } from '../../layout/project-context';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { ReasonModal } from '../../components/ReasonModal';

/** 收款复核: offline payments (cash / transfer / POS) count only once a second person approves them. */
export default function ApprovalsPage() {
  const project = useSelectedProject();
  const { roles } = useProject();
  const me = useMe();
  const { message } = App.useApp();
  const pending = useAsync(() => listPendingApprovals(project.id), [project.id]);
  const [rejecting, setRejecting] = useState<IPayment | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const canApprove = roleCan(roles, Permission.PaymentApprove);

  async function decide(payment: IPayment, approve: boolean, reason?: string) {
    setBusy(payment.id);
    try {
      await decidePayment(payment.id, approve, reason);
      message.success(approve ? `已复核通过，${formatFen(payment.amountFen)} 已计入账单` : '已驳回该笔收款');
      setRejecting(null);
    } catch (err) {
      message.error(describeError(err, '复核失败，请稍后重试'));
    } finally {
      setBusy(null);
      pending.reload();
    }
  }

  const columns: TableColumnsType<IPayment> = [
    { title: '收款时间', key: 'at', width: 150, render: (_, p) => formatDateTime(p.paidAt) },
    { title: '房屋', dataIndex: 'houseLabel', width: 140 },
    { title: '收据号', dataIndex: 'receiptNo', width: 150, render: (v: string | null) => v ?? '—' },
    { title: '方式', key: 'm', width: 100, render: (_, p) => TENDER_METHOD_LABELS[p.method] },
    { title: '凭证/备注', dataIndex: 'reference', render: (v: string | null) => v || '—' },
    {
      title: '冲抵',
      key: 'alloc',
      render: (_, p) => p.allocations.map((a) => `${a.title} ${formatFen(a.amountFen)}`).join('；'),
    },
    { title: '收款人', dataIndex: 'collectedByName', width: 90 },
    {
      title: '金额',
      key: 'amt',
      width: 110,
      align: 'right',
      render: (_, p) => <b className="money">{formatFen(p.amountFen)}</b>,
    },
    {
      title: '操作',
      key: 'act',
      width: 170,
      render: (_, p) =>
        !canApprove ? (
          <Tag>待复核</Tag>
        ) : p.collectedBy === me.id ? (
          // The server refuses it too; the collector sees why instead of a button.
          <Typography.Text type="secondary" data-testid="own-payment">
            本人收款，须由他人复核
          </Typography.Text>
        ) : (
          <Space>
            <Button
              size="small"
              type="primary"
              loading={busy === p.id}
              onClick={() => decide(p, true)}
              data-testid="approve-payment"
            >
              复核通过
            </Button>
            <Button
              size="small"
              danger
              disabled={busy === p.id}
              onClick={() => setRejecting(p)}
              data-testid="reject-payment"
            >
              驳回
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <div className="page" data-testid="approvals-page">
      <PageHeader
        title="收款复核"
        description={`${project.name} · 现金、转账、POS 收款须由收款人以外的第二人复核，通过后才计入账单。`}
      />
      <Card variant="borderless">
        {pending.error && !pending.data ? (
          <ErrorState error={pending.error} onRetry={pending.reload} title="待复核收款加载失败" />
        ) : (
          <Table<IPayment>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={pending.data ?? []}
            loading={pending.loading}
            pagination={false}
            locale={{ emptyText: pending.loading ? ' ' : <Empty description="没有待复核的收款" /> }}
          />
        )}
      </Card>
      <ReasonModal
        open={!!rejecting}
        title="驳回收款"
        okText="确认驳回"
        danger
        intro={
          rejecting
            ? `${rejecting.houseLabel} ${TENDER_METHOD_LABELS[rejecting.method]} ${formatFen(rejecting.amountFen)}：驳回后该笔不计入账单，收款人会看到原因。`
            : null
        }
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) => (rejecting ? decide(rejecting, false, reason) : Promise.resolve())}
      />
    </div>
  );
}
