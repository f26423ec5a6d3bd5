import {
  PAYMENT_STATUS_LABELS,
  Permission,
  SHIPPING_STATUS_LABELS,
  TENDER_METHOD_LABELS,
  formatFen,
  roleCan,
  type IPayment,
  type PaymentStatus,
  type TenderMethod,
} from '@app/shared';
import { App, Button, Card, DatePicker, Empty, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { listPayments } from '../../api/payments';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useProject } from '../../layout/project-context';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { PrintReceiptButton } from './ReceiptCard';
import { RefundRequestModal } from './RefundRequestModal';

const STATUS_COLORS: Record<PaymentStatus, string> = {
  pending_approval: 'orange',
  confirmed: 'green',
  rejected: 'red',
};

/** 收款记录: every payment of the project (desk and WeChat), filtered; reprint a receipt, ask for a refund. */
export default function PaymentsPage() {
  const project = useSelectedProject();
  const { roles } = useProject();
  const { message } = App.useApp();
  const [method, setMethod] = useState<TenderMethod | undefined>();
  const [status, setStatus] = useState<PaymentStatus | undefined>();
  const [range, setRange] = useState<[string, string] | null>(null);
  const [page, setPage] = useState(1);
  const [refunding, setRefunding] = useState<IPayment | null>(null);
  const list = useAsync(
    () => listPayments({ projectId: project.id, method, status, from: range?.[0], to: range?.[1], page, pageSize: 20 }),
    [project.id, method, status, range?.[0], range?.[1], page],
  );
  const canRefund = roleCan(roles, Permission.RefundRequest);

  const columns: TableColumnsType<IPayment> = [
    { title: '时间', key: 'at', width: 150, render: (_, p) => formatDateTime(p.paidAt) },
    { title: '房屋', dataIndex: 'houseLabel', width: 140 },
    { title: '收据号', dataIndex: 'receiptNo', width: 150, render: (v: string | null) => v ?? '—' },
    { title: '方式', key: 'm', width: 100, render: (_, p) => TENDER_METHOD_LABELS[p.method] },
    {
      title: '状态',
      key: 's',
      width: 90,
      render: (_, p) => <Tag color={STATUS_COLORS[p.status]}>{PAYMENT_STATUS_LABELS[p.status]}</Tag>,
    },
    { title: '发货信息', key: 'ship', width: 90, render: (_, p) => <ShippingTag payment={p} /> },
    { title: '收款人', key: 'by', width: 90, render: (_, p) => p.collectedByName ?? '住户自助' },
    { title: '复核人', key: 'ap', width: 90, render: (_, p) => p.approvedByName ?? '—' },
    {
      title: '金额',
      key: 'amt',
      width: 110,
      align: 'right',
      render: (_, p) => <b className="money">{formatFen(p.amountFen)}</b>,
    },
    {
      title: '已退',
      key: 'ref',
      width: 100,
      align: 'right',
      render: (_, p) => (p.refundedFen ? <span className="money">{formatFen(p.refundedFen)}</span> : '—'),
    },
    {
      title: '操作',
      key: 'act',
      width: 200,
      render: (_, p) => (
        <Space>
          {p.receiptId ? <PrintReceiptButton size="small" receiptId={p.receiptId} /> : null}
          {canRefund && p.status === 'confirmed' && p.refundedFen < p.amountFen ? (
            <Button size="small" onClick={() => setRefunding(p)} data-testid="request-refund">
              申请退款
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div className="page" data-testid="payments-page">
      <PageHeader
        title="收款记录"
        description={`${project.name} · 收银台与微信支付的全部收款；可补打收据、申请退款。`}
      />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<TenderMethod>
            allowClear
            placeholder="收款方式"
            style={{ width: 140 }}
            value={method}
            onChange={(v) => (setMethod(v), setPage(1))}
            options={(Object.keys(TENDER_METHOD_LABELS) as TenderMethod[]).map((m) => ({
              value: m,
              label: TENDER_METHOD_LABELS[m],
            }))}
          />
          <Select<PaymentStatus>
            allowClear
            placeholder="状态"
            style={{ width: 120 }}
            value={status}
            onChange={(v) => (setStatus(v), setPage(1))}
            options={(Object.keys(PAYMENT_STATUS_LABELS) as PaymentStatus[]).map((s) => ({
              value: s,
              label: PAYMENT_STATUS_LABELS[s],
            }))}
          />
          <DatePicker.RangePicker
            value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
            onChange={(v) => (
              setRange(v?.[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : null),
              setPage(1)
            )}
          />
        </Space>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} title="收款记录加载失败" />
        ) : (
          <Table<IPayment>
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
            locale={{ emptyText: list.loading ? ' ' : <Empty description="没有符合条件的收款" /> }}
          />
        )}
      </Card>
      <RefundRequestModal
        payment={refunding}
        onCancel={() => setRefunding(null)}
        onDone={() => {
          message.success('退款申请已提交，待财务审批');
          setRefunding(null);
          list.reload();
        }}
      />
    </div>
  );
}

const SHIPPING_COLORS = {
  pending: 'processing',
  uploaded: 'success',
  failed: 'error',
  not_required: 'default',
} as const;

/** 发货信息管理 of a resident's WeChat payment (docs/payments.md "Shipping info"); desk payments have none. */
function ShippingTag({ payment }: { payment: IPayment }) {
  const s = payment.shipping;
  if (!s) return <>—</>;
  const why = s.status === 'failed' && s.errcode !== null ? `微信返回 ${s.errcode}：${s.errmsg ?? ''}` : undefined;
  return (
    <Tag color={SHIPPING_COLORS[s.status]} title={why} data-testid="shipping-status">
      {SHIPPING_STATUS_LABELS[s.status]}
    </Tag>
  );
}
