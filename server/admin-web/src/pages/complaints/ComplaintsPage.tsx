import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_STATUS_LABELS,
  Permission,
  roleCan,
  type ComplaintStatus,
  type IComplaint,
} from '@app/shared';
import { Button, Card, Empty, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { getComplaint, listComplaints } from '../../api/complaints';
import { ErrorState } from '../../components/ErrorState';
import { idColumn } from '../../components/id-column';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useProject } from '../../layout/project-context';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { TicketDetailDrawer } from '../tickets/TicketDetailDrawer';
import { ComplaintDrawer } from './ComplaintDrawer';
import { CreateComplaintModal } from './CreateComplaintModal';
import { DeadlineTags } from './DeadlineTags';
import { STATUS_COLORS } from './complaint-logic';

const PAGE_SIZE = 20;

export default function ComplaintsPage() {
  const project = useSelectedProject();
  return <ComplaintsView key={project.id} />;
}

/**
 * ?complaint=<id> (a message in the bell) opens that complaint's drawer, switching to its project first so
 * the list, the investigator choices and the allowed actions are the complaint's own.
 */
function useLinkedComplaint(open: (id: number) => void): void {
  const project = useSelectedProject();
  const { projects, selectProject } = useProject();
  const [params, setParams] = useSearchParams();
  const linked = Number(params.get('complaint')) || null;
  useEffect(() => {
    if (linked === null) return;
    let live = true;
    const show = () => {
      open(linked);
      setParams(
        (p) => {
          p.delete('complaint');
          return p;
        },
        { replace: true },
      );
    };
    // One the reader may not see (or that is gone) still opens: the drawer says it could not be loaded.
    getComplaint(linked).then(
      (c) => {
        if (!live) return;
        if (c.projectId !== project.id && projects.some((p) => p.id === c.projectId)) selectProject(c.projectId);
        else show();
      },
      () => {
        if (live) show();
      },
    );
    return () => {
      live = false;
    };
  }, [linked, project.id, projects, selectProject, open, setParams]);
}

function ComplaintsView() {
  const project = useSelectedProject();
  const { roles } = useProject();
  const [status, setStatus] = useState<ComplaintStatus | undefined>(undefined);
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const [ticketId, setTicketId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  useLinkedComplaint(setOpenId);
  const list = useAsync(
    () =>
      listComplaints({
        projectId: project.id,
        status,
        overdue: overdue ? 'true' : undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    [project.id, status, overdue, page],
  );

  const columns: TableColumnsType<IComplaint> = [
    idColumn('编号', 'number', {
      render: (n, c) => (
        <Typography.Link onClick={() => setOpenId(c.id)} data-testid="complaint-number">
          {n}
        </Typography.Link>
      ),
    }),
    {
      title: '类别',
      dataIndex: 'category',
      width: 110,
      render: (k: IComplaint['category']) => COMPLAINT_CATEGORIES[k],
    },
    { title: '内容', dataIndex: 'description', ellipsis: true },
    { title: '房屋', dataIndex: 'houseLabel', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: '来源',
      dataIndex: 'channel',
      width: 100,
      render: (v: IComplaint['channel']) => COMPLAINT_CHANNEL_LABELS[v],
    },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, c) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLORS[c.status]}>{COMPLAINT_STATUS_LABELS[c.status]}</Tag>
          {c.escalated ? <Tag color="magenta">已升级</Tag> : null}
        </Space>
      ),
    },
    {
      title: '调查人',
      dataIndex: 'investigatorName',
      width: 100,
      render: (v: string | null) => v ?? <Typography.Text type="warning">未指派</Typography.Text>,
    },
    { title: '时限', key: 'deadline', width: 260, render: (_, c) => <DeadlineTags complaint={c} /> },
    { title: '登记时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <div className="page" data-testid="complaints-page">
      <PageHeader
        title="投诉管理"
        description={`${project.name} · 指派调查人、按时联系业主、记录调查与处理结果；业主确认或提出异议。`}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              刷新
            </Button>
            {roleCan(roles, Permission.ComplaintHandle) ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                登记投诉
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card variant="borderless">
        <Space style={{ marginBottom: 16 }} wrap>
          <Select<ComplaintStatus>
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            value={status}
            data-testid="complaint-status-filter"
            onChange={(s) => {
              setStatus(s);
              setPage(1);
            }}
            options={(Object.keys(COMPLAINT_STATUS_LABELS) as ComplaintStatus[]).map((s) => ({
              value: s,
              label: COMPLAINT_STATUS_LABELS[s],
            }))}
          />
          <Space>
            <Switch
              checked={overdue}
              onChange={(v) => {
                setOverdue(v);
                setPage(1);
              }}
              data-testid="complaint-overdue"
            />
            只看超时
          </Space>
        </Space>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} title="投诉加载失败" />
        ) : (
          <Table<IComplaint>
            rowKey="id"
            size="middle"
            data-testid="complaint-table"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading && !list.data}
            scroll={{ x: 'max-content' }}
            onRow={(c) => ({ onDoubleClick: () => setOpenId(c.id) })}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              onChange: setPage,
              showTotal: (t) => `共 ${t} 条`,
              hideOnSinglePage: true,
            }}
            locale={{ emptyText: list.loading ? ' ' : <Empty description={overdue ? '没有超时的投诉' : '没有投诉'} /> }}
          />
        )}
      </Card>
      {openId !== null ? (
        <ComplaintDrawer
          complaintId={openId}
          projectId={project.id}
          onClose={() => setOpenId(null)}
          onChanged={list.reload}
          onOpenTicket={setTicketId}
        />
      ) : null}
      {ticketId !== null ? (
        <TicketDetailDrawer ticketId={ticketId} onClose={() => setTicketId(null)} onChanged={() => undefined} />
      ) : null}
      {creating ? (
        <CreateComplaintModal
          projectId={project.id}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            list.reload();
            setOpenId(c.id);
          }}
        />
      ) : null}
    </div>
  );
}
