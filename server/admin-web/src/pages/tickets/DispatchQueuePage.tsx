import { ReloadOutlined } from '@ant-design/icons';
import { TICKET_STATUS_LABELS, type ITicket } from '@app/shared';
import { Button, Card, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { dispatchQueue } from '../../api/tickets';
import { pageCaption } from '../../lib/page-caption';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { DispatchPoliciesCard } from './DispatchPoliciesCard';
import { TicketActionModal } from './TicketActionModal';
import { TicketDetailDrawer } from './TicketDetailDrawer';
import { TicketFlags } from './TicketFlags';
import { useProjectCategories } from './categories';
import { categoryLabel } from './ticket-logic';
import { idColumn } from '../../components/id-column';

export default function DispatchQueuePage() {
  const project = useSelectedProject();
  return <DispatchQueueView key={project.id} />;
}

function DispatchQueueView() {
  const project = useSelectedProject();
  // Labels are the company's category names (company data), loaded with the page.
  const categories = useProjectCategories(project.id);
  const queue = useAsync(() => dispatchQueue(project.id), [project.id]);
  const [dispatching, setDispatching] = useState<ITicket | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const { reload } = queue;

  useEffect(() => {
    const timer = window.setInterval(reload, 30_000);
    return () => window.clearInterval(timer);
  }, [reload]);

  const columns: TableColumnsType<ITicket> = [
    idColumn('工单号', 'serial', {
      render: (s, t) => <Typography.Link onClick={() => setOpenId(t.id)}>{s}</Typography.Link>,
    }),
    { title: '房屋', dataIndex: 'houseLabel', width: 150, render: (v: string | null) => v ?? <Tag>公共区域</Tag> },
    { title: '类别', dataIndex: 'category', width: 160, render: (c: string) => categoryLabel(c, categories.data) },
    { title: '问题描述', dataIndex: 'description', ellipsis: true },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_, t) => (
        <Space size={4} wrap>
          <Tag color="gold">{TICKET_STATUS_LABELS[t.status]}</Tag>
          <TicketFlags ticket={t} />
        </Space>
      ),
    },
    { title: '报修时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'act',
      width: 90,
      render: (_, t) => (
        <Button
          type="primary"
          size="small"
          disabled={!t.actions.includes('dispatch')}
          onClick={() => setDispatching(t)}
        >
          派单
        </Button>
      ),
    },
  ];

  return (
    <div className="page" data-testid="dispatch-queue-page">
      <PageHeader
        title="派单队列"
        description={`${project.name} · 抢单超时、师傅退单或无人可派的工单在此等待主管派单。`}
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        }
      />
      <Card variant="borderless" title={pageCaption('待派工单', queue.data)}>
        {queue.error && !queue.data ? (
          <ErrorState error={queue.error} onRetry={reload} title="派单队列加载失败" />
        ) : (
          <Table<ITicket>
            rowKey="id"
            size="middle"
            data-testid="dispatch-queue"
            columns={columns}
            dataSource={queue.data?.items ?? []}
            loading={queue.loading && !queue.data}
            pagination={false}
            locale={{ emptyText: queue.loading ? ' ' : <Empty description="没有等待派单的工单" /> }}
          />
        )}
      </Card>
      <DispatchPoliciesCard projectId={project.id} />
      {dispatching ? (
        <TicketActionModal
          ticket={dispatching}
          action="dispatch"
          onClose={() => setDispatching(null)}
          onDone={() => {
            setDispatching(null);
            reload();
          }}
          onConflict={() => {
            setDispatching(null);
            reload();
          }}
        />
      ) : null}
      {openId !== null ? (
        <TicketDetailDrawer ticketId={openId} onClose={() => setOpenId(null)} onChanged={reload} />
      ) : null}
    </div>
  );
}
