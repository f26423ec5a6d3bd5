import { ReloadOutlined } from '@ant-design/icons';
import { formatFen, formatQuantity, PAYMENT_METHOD_LABELS, Permission, roleCan, type ICharge } from '@app/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Progress,
  Table,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { getWaiverBudget, listCharges, waiveCharge } from '../../api/charges';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useProject } from '../../layout/project-context';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { budgetView, waiverErrorMessage } from '../cash/charge-logic';
import { idColumn } from '../../components/id-column';

const PAGE_SIZE = 20;

export default function WaiversPage() {
  const project = useSelectedProject();
  return <WaiversView key={project.id} />;
}

function WaiversView() {
  const project = useSelectedProject();
  const mayWaive = roleCan(useProject().roles, Permission.ChargeWaive);
  const [page, setPage] = useState(1);
  // Unconfirmed charges (signed on a technician's phone) are not owed yet, so there is nothing to waive.
  const charges = useAsync(
    () => listCharges({ projectId: project.id, status: 'open', confirmation: 'confirmed', page, pageSize: PAGE_SIZE }),
    [project.id, page],
  );
  const budget = useAsync(getWaiverBudget, []);
  const [waiving, setWaiving] = useState<ICharge | null>(null);
  const remaining = budget.data?.remainingFen;

  const columns: TableColumnsType<ICharge> = [
    { title: '房屋', dataIndex: 'houseLabel', width: 150, render: (v: string | null) => v ?? '—' },
    idColumn('工单号', 'ticketSerial'),
    {
      title: '收费明细',
      key: 'lines',
      render: (_, c) => c.lines.map((l) => `${l.name} × ${formatQuantity(l.quantityMilli)}${l.unit}`).join('；'),
    },
    { title: '结算方式', key: 'method', width: 140, render: (_, c) => PAYMENT_METHOD_LABELS[c.paymentMethod] },
    { title: '发生时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '金额',
      dataIndex: 'totalFen',
      width: 110,
      align: 'right',
      render: (v: number) => <span className="money">{formatFen(v)}</span>,
    },
  ];
  // The 免收 button exists only for those the permission table lets waive (a read-only viewer sees the list).
  if (mayWaive) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, c) => {
        // Not disabled when over the cap: the server decides, and its refusal is explained in the dialog.
        const over = remaining !== undefined && c.totalFen > remaining;
        return (
          <Tooltip title={over ? `超出本月剩余免收额度 ${formatFen(remaining)}` : undefined}>
            <Button size="small" danger onClick={() => setWaiving(c)}>
              免收
            </Button>
          </Tooltip>
        );
      },
    });
  }

  return (
    <div className="page" data-testid="waivers-page">
      <PageHeader
        title="费用减免"
        description={`${project.name} · 仅项目经理可免收待结算的费用，须填写原因；每人每月免收总额有上限，超出系统将拒绝。`}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              charges.reload();
              budget.reload();
            }}
          >
            刷新
          </Button>
        }
      />
      <Card variant="borderless" data-testid="waiver-budget">
        {budget.error ? (
          <ErrorState error={budget.error} onRetry={budget.reload} title="免收额度加载失败" />
        ) : budget.data ? (
          <BudgetBar month={budget.data.month} view={budgetView(budget.data)} />
        ) : (
          <Progress percent={0} />
        )}
      </Card>
      <Card variant="borderless" title="待结算费用">
        {charges.error && !charges.data ? (
          <ErrorState error={charges.error} onRetry={charges.reload} title="费用加载失败" />
        ) : (
          <Table<ICharge>
            rowKey="id"
            size="middle"
            data-testid="open-charges"
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
            locale={{ emptyText: charges.loading ? ' ' : <Empty description="本项目没有待结算的费用" /> }}
          />
        )}
      </Card>
      {waiving ? (
        <WaiveModal
          charge={waiving}
          remainingFen={remaining}
          onClose={() => setWaiving(null)}
          onDone={() => {
            setWaiving(null);
            charges.reload();
            budget.reload();
          }}
          onRefused={() => budget.reload()}
        />
      ) : null}
    </div>
  );
}

function BudgetBar({ month, view }: { month: string; view: ReturnType<typeof budgetView> }) {
  return (
    <div>
      <Typography.Text strong>{month} 本人免收额度</Typography.Text>
      <Progress
        percent={view.percent}
        status={view.status}
        strokeColor={view.status === 'normal' ? '#1668dc' : undefined}
      />
      <Typography.Text type="secondary" data-testid="budget-text">
        {view.text}
      </Typography.Text>
    </div>
  );
}

function WaiveModal(props: {
  charge: ICharge;
  remainingFen: number | undefined;
  onClose(): void;
  onDone(): void;
  onRefused(): void;
}) {
  const { charge } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ reason }: { reason: string }) {
    setSaving(true);
    setError(null);
    try {
      await waiveCharge(charge.id, reason.trim());
      message.success(`已免收 ${formatFen(charge.totalFen)}`);
      props.onDone();
    } catch (err) {
      setError(waiverErrorMessage(err));
      props.onRefused();
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`免收 ${formatFen(charge.totalFen)}`}
      okText="确认免收"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      <Typography.Paragraph type="secondary">
        {charge.houseLabel ?? '前台收款'} · {charge.ticketSerial ?? `费用 #${charge.id}`}
        。免收记入本人本月额度，且会写入审计日志。
      </Typography.Paragraph>
      {!error && props.remainingFen !== undefined && charge.totalFen > props.remainingFen ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`本月剩余免收额度仅 ${formatFen(props.remainingFen)}，本笔将被系统拒绝`}
        />
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="waive-error" />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label="免收原因"
          rules={[{ required: true, whitespace: true, message: '请填写免收原因' }, { max: 200 }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如：返修工单，维修质量问题不再收费" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
