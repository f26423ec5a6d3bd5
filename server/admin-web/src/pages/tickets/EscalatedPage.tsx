import { ReloadOutlined } from '@ant-design/icons';
import { TICKET_STATUS_LABELS, type IRectificationTask, type ITicket } from '@app/shared';
import { App, Button, Card, Empty, Input, Modal, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { escalatedTickets, listRectifications, resolveRectification } from '../../api/tickets';
import { pageCaption } from '../../lib/page-caption';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { TicketDetailDrawer } from './TicketDetailDrawer';
import { TicketFlags } from './TicketFlags';
import { useProjectCategories } from './categories';
import { categoryLabel, STATUS_COLORS } from './ticket-logic';
import { idColumn } from '../../components/id-column';
import { CreateComplaintModal } from '../complaints/CreateComplaintModal';
import { useProject } from '../../layout/project-context';
import { Permission, roleCan } from '@app/shared';

export default function EscalatedPage() {
  const project = useSelectedProject();
  return <EscalatedView key={project.id} />;
}

function EscalatedView() {
  const project = useSelectedProject();
  // Labels are the company's category names (company data), loaded with the page.
  const categories = useProjectCategories(project.id);
  const { message } = App.useApp();
  const escalated = useAsync(() => escalatedTickets(project.id), [project.id]);
  const tasks = useAsync(() => listRectifications(project.id), [project.id]);
  const [openId, setOpenId] = useState<number | null>(null);
  const [resolving, setResolving] = useState<IRectificationTask | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  // 回访不满意 → 投诉: the rectification's ticket becomes a complaint the resident can follow.
  const [toComplaint, setToComplaint] = useState<IRectificationTask | null>(null);
  const { roles } = useProject();
  const canComplain = roleCan(roles, Permission.ComplaintHandle);

  async function resolve() {
    if (!resolving || !note.trim()) return;
    setSaving(true);
    try {
      await resolveRectification(resolving.id, note.trim());
      message.success('整改任务已办结');
      setResolving(null);
      tasks.reload();
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setSaving(false);
    }
  }

  const ticketColumns: TableColumnsType<ITicket> = [
    idColumn('工单号', 'serial', {
      render: (s, t) => <Typography.Link onClick={() => setOpenId(t.id)}>{s}</Typography.Link>,
    }),
    { title: '房屋', dataIndex: 'houseLabel', width: 150, render: (v: string | null) => v ?? '公共区域' },
    { title: '类别', dataIndex: 'category', width: 160, render: (c: string) => categoryLabel(c, categories.data) },
    {
      title: '状态',
      key: 's',
      width: 200,
      render: (_, t) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLORS[t.status]}>{TICKET_STATUS_LABELS[t.status]}</Tag>
          <TicketFlags ticket={t} />
        </Space>
      ),
    },
    { title: '维修师傅', key: 'tech', width: 100, render: (_, t) => t.technician?.name ?? '—' },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
  ];
  const taskColumns: TableColumnsType<IRectificationTask> = [
    idColumn('工单号', 'ticketSerial', {
      render: (s, r) => <Typography.Link onClick={() => setOpenId(r.ticketId)}>{s}</Typography.Link>,
    }),
    { title: '整改原因', dataIndex: 'reason' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: string) => (s === 'open' ? <Tag color="orange">待整改</Tag> : <Tag color="green">已办结</Tag>),
    },
    { title: '办结说明', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '',
      key: 'act',
      width: 170,
      render: (_, r) => (
        <Space size={4}>
          {r.status === 'open' ? (
            <Button
              size="small"
              type="primary"
              onClick={() => {
                setNote('');
                setResolving(r);
              }}
            >
              办结
            </Button>
          ) : null}
          {canComplain ? (
            <Button size="small" onClick={() => setToComplaint(r)} data-testid="rectification-to-complaint">
              转投诉
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div className="page" data-testid="escalated-page">
      <PageHeader
        title="升级与整改"
        description={`${project.name} · 二次返修升级的工单，以及回访不满意生成的整改任务。`}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              escalated.reload();
              tasks.reload();
            }}
          >
            刷新
          </Button>
        }
      />
      <Card variant="borderless" title={pageCaption('升级工单', escalated.data)}>
        {escalated.error && !escalated.data ? (
          <ErrorState error={escalated.error} onRetry={escalated.reload} />
        ) : (
          <Table<ITicket>
            rowKey="id"
            size="middle"
            pagination={false}
            columns={ticketColumns}
            dataSource={escalated.data?.items ?? []}
            loading={escalated.loading && !escalated.data}
            locale={{ emptyText: <Empty description="没有升级的工单" /> }}
          />
        )}
      </Card>
      <Card variant="borderless" title={pageCaption('整改任务', tasks.data)}>
        {tasks.error && !tasks.data ? (
          <ErrorState error={tasks.error} onRetry={tasks.reload} />
        ) : (
          <Table<IRectificationTask>
            rowKey="id"
            size="middle"
            pagination={false}
            columns={taskColumns}
            dataSource={tasks.data?.items ?? []}
            loading={tasks.loading && !tasks.data}
            locale={{ emptyText: <Empty description="没有整改任务" /> }}
          />
        )}
      </Card>
      <Modal
        open={resolving !== null}
        title={`办结整改 · ${resolving?.ticketSerial ?? ''}`}
        okText="确认办结"
        cancelText="取消"
        okButtonProps={{ disabled: !note.trim() }}
        confirmLoading={saving}
        onOk={resolve}
        onCancel={() => setResolving(null)}
      >
        <Typography.Paragraph type="secondary">{resolving?.reason}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={200}
          showCount
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="整改措施与结果"
        />
      </Modal>
      {toComplaint ? (
        <CreateComplaintModal
          projectId={project.id}
          ticket={{ id: toComplaint.ticketId, serial: toComplaint.ticketSerial, reason: toComplaint.reason }}
          onClose={() => setToComplaint(null)}
          onCreated={() => setToComplaint(null)}
        />
      ) : null}
      {openId !== null ? (
        <TicketDetailDrawer
          ticketId={openId}
          onClose={() => setOpenId(null)}
          onChanged={() => {
            escalated.reload();
            tasks.reload();
          }}
        />
      ) : null}
    </div>
  );
}
