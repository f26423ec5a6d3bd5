import { ReloadOutlined } from '@ant-design/icons';
import {
  CHARGE_STATUS_LABELS,
  formatFen,
  formatQuantity,
  PAYMENT_METHOD_LABELS,
  type ChargeConfirmation,
  type ICharge,
} from '@app/shared';
import { Button, Card, Empty, Segmented, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { listCharges } from '../../api/charges';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useProject } from '../../layout/project-context';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { canRecordPhoneConfirmation, confirmationView } from './confirmation-logic';
import { PhoneConfirmModal } from './PhoneConfirmModal';
import { idColumn } from '../../components/id-column';

const PAGE_SIZE = 20;
type Filter = 'all' | ChargeConfirmation;

export default function ChargesPage() {
  const project = useSelectedProject();
  return <ChargesView key={project.id} />;
}

/** 费用台账: the project's charges; a charge signed on the technician's phone shows 未确认 until the resident confirms. */
function ChargesView() {
  const project = useSelectedProject();
  const { roles } = useProject();
  const [filter, setFilter] = useState<Filter>('unconfirmed');
  const [page, setPage] = useState(1);
  const charges = useAsync(
    () =>
      listCharges({
        projectId: project.id,
        confirmation: filter === 'all' ? undefined : filter,
        page,
        pageSize: PAGE_SIZE,
      }),
    [project.id, filter, page],
  );
  const [confirming, setConfirming] = useState<ICharge | null>(null);

  const columns: TableColumnsType<ICharge> = [
    { title: '房屋', dataIndex: 'houseLabel', width: 140, render: (v: string | null) => v ?? '—' },
    idColumn('工单号', 'ticketSerial', { empty: (c) => (c.source === 'counter' ? '前台收款' : '—') }),
    {
      title: '收费明细',
      key: 'lines',
      render: (_, c) => c.lines.map((l) => `${l.name} × ${formatQuantity(l.quantityMilli)}${l.unit}`).join('；'),
    },
    {
      title: '金额',
      dataIndex: 'totalFen',
      width: 100,
      align: 'right',
      render: (v: number) => <span className="money">{formatFen(v)}</span>,
    },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, c) => `${CHARGE_STATUS_LABELS[c.status]} · ${PAYMENT_METHOD_LABELS[c.paymentMethod]}`,
    },
    {
      title: '业主确认',
      key: 'confirmation',
      width: 110,
      render: (_, c) => {
        const view = confirmationView(c);
        return (
          <Tooltip title={[view.detail, c.confirmationNote].filter(Boolean).join('：') || undefined}>
            <Tag color={view.color} data-testid="charge-confirmation">
              {view.label}
            </Tag>
          </Tooltip>
        );
      },
    },
    { title: '发生时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, c) =>
        canRecordPhoneConfirmation(c, roles) ? (
          <Button size="small" type="primary" onClick={() => setConfirming(c)}>
            记录电话确认
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="page" data-testid="charges-page">
      <PageHeader
        title="费用台账"
        description={`${project.name} · 签字在师傅手机上完成的费用为「未确认」：不计入账单、不可收现金，须业主在小程序确认，或客户经理回访时电话确认后记录。`}
        extra={
          <Button icon={<ReloadOutlined />} onClick={charges.reload}>
            刷新
          </Button>
        }
      />
      <Card variant="borderless">
        <Segmented<Filter>
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
          options={[
            { value: 'unconfirmed', label: '未确认' },
            { value: 'confirmed', label: '已确认' },
            { value: 'all', label: '全部' },
          ]}
          style={{ marginBottom: 16 }}
          data-testid="confirmation-filter"
        />
        {charges.error && !charges.data ? (
          <ErrorState error={charges.error} onRetry={charges.reload} title="费用加载失败" />
        ) : (
          <Table<ICharge>
            rowKey="id"
            size="middle"
            data-testid="charges-table"
            columns={columns}
            dataSource={charges.data?.items ?? []}
            loading={charges.loading}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: charges.data?.total ?? 0,
              onChange: setPage,
              showTotal: (t) => `共 ${t} 笔`,
              hideOnSinglePage: true,
            }}
            locale={{
              emptyText: charges.loading ? (
                ' '
              ) : (
                <Empty description={filter === 'unconfirmed' ? '没有待业主确认的费用' : '暂无费用'} />
              ),
            }}
          />
        )}
      </Card>
      {confirming ? (
        <PhoneConfirmModal
          charge={confirming}
          onClose={() => setConfirming(null)}
          onDone={() => {
            setConfirming(null);
            charges.reload();
          }}
        />
      ) : null}
    </div>
  );
}
