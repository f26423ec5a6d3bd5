import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  TICKET_KIND_LABELS,
  TICKET_STATUS_LABELS,
  ticketTypeLabel,
  type IPage,
  type ITicket,
  type TicketKind,
} from '@app/shared';
import { Button, Card, Empty, Input, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { subscribeTicketEvents } from '../../api/live';
import { listTickets } from '../../api/tickets';
import { projectUrges } from '../../api/complaints';
import { UrgeTag } from './UrgeTag';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { TicketDetailDrawer } from './TicketDetailDrawer';
import { TicketFlags } from './TicketFlags';
import { useProjectCategories } from './categories';
import {
  categoryLabel,
  mergeNewestFirst,
  STATUS_COLORS,
  STATUS_GROUPS,
  statusesOf,
  type StatusGroupKey,
} from './ticket-logic';
import { idColumn } from '../../components/id-column';

const PAGE_SIZE = 20;
/** New requests arrive through the live stream; this slow poll is the fallback when the stream is down. */
const REFRESH_MS = 30_000;
/** Several changes in a burst (register + auto-dispatch) reload the page once. */
const LIVE_DEBOUNCE_MS = 300;

export default function TicketsPage() {
  const project = useSelectedProject();
  return <TicketsView key={project.id} />;
}

async function loadTab(
  projectId: number,
  group: StatusGroupKey,
  kind: TicketKind | undefined,
  page: number,
): Promise<IPage<ITicket>> {
  const statuses = statusesOf(group);
  if (statuses.length <= 1) return listTickets({ projectId, status: statuses[0], kind, page, pageSize: PAGE_SIZE });
  // The API filters one status at a time: a grouped tab asks for each and merges (a project's open work fits in 200 per status).
  const pages = await Promise.all(
    statuses.map((status) => listTickets({ projectId, status, kind, page: 1, pageSize: 200 })),
  );
  const items = mergeNewestFirst(pages.map((p) => p.items));
  return {
    items: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: items.length,
    page,
    pageSize: PAGE_SIZE,
  };
}

function TicketsView() {
  const project = useSelectedProject();
  // Labels are the company's category names (company data), loaded with the page.
  const categories = useProjectCategories(project.id);
  const navigate = useNavigate();
  const [group, setGroup] = useState<StatusGroupKey>('submitted');
  const [kind, setKind] = useState<TicketKind | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  // ?ticket=<id> opens that ticket's drawer (a bill line links here by its ticket serial).
  const [searchParams] = useSearchParams();
  const [openId, setOpenId] = useState<number | null>(() => Number(searchParams.get('ticket')) || null);
  const tickets = useAsync(() => loadTab(project.id, group, kind, page), [project.id, group, kind, page]);
  // 催单 counts ride beside the list (their own small route), refreshed with it.
  const urges = useAsync(() => projectUrges(project.id).catch(() => []), [project.id, tickets.data]);
  const urgeOf = useMemo(() => new Map((urges.data ?? []).map((u) => [u.ticketId, u])), [urges.data]);
  const { reload } = tickets;

  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  useEffect(() => {
    let pending: number | null = null;
    const stop = subscribeTicketEvents((event) => {
      if (event.projectId !== project.id || pending !== null) return;
      pending = window.setTimeout(() => {
        pending = null;
        reload();
      }, LIVE_DEBOUNCE_MS);
    });
    return () => {
      stop();
      if (pending !== null) window.clearTimeout(pending);
    };
  }, [reload, project.id]);

  const rows = useMemo(() => {
    const q = search.trim().toUpperCase();
    const items = tickets.data?.items ?? [];
    return q ? items.filter((t) => t.serial.toUpperCase().includes(q) || (t.houseLabel ?? '').includes(q)) : items;
  }, [tickets.data, search]);

  const columns: TableColumnsType<ITicket> = [
    idColumn('工单号', 'serial', {
      render: (serial, t) => (
        <Typography.Link onClick={() => setOpenId(t.id)} data-testid="ticket-serial">
          {serial}
        </Typography.Link>
      ),
    }),
    { title: '房屋', dataIndex: 'houseLabel', width: 150, render: (v: string | null) => v ?? <Tag>公共区域</Tag> },
    { title: '类型', dataIndex: 'kind', width: 130, render: (k: TicketKind, t) => ticketTypeLabel(k, t.scope) },
    { title: '类别', dataIndex: 'category', width: 160, render: (c: string) => categoryLabel(c, categories.data) },
    {
      title: '状态',
      key: 'status',
      width: 220,
      render: (_, t) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLORS[t.status]}>{TICKET_STATUS_LABELS[t.status]}</Tag>
          <TicketFlags ticket={t} />
          <UrgeTag urge={urgeOf.get(t.id)} />
        </Space>
      ),
    },
    {
      title: '维修师傅',
      key: 'tech',
      width: 110,
      render: (_, t) => t.technician?.name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: '报修时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '',
      key: 'open',
      width: 70,
      render: (_, t) => (
        <Button size="small" onClick={() => setOpenId(t.id)}>
          详情
        </Button>
      ),
    },
  ];

  return (
    <div className="page" data-testid="tickets-page">
      <PageHeader
        title="工单中心"
        description={`${project.name} · 报修、特约服务、建议与咨询。新工单和状态变化实时出现（实时连接中断时每 30 秒刷新）。`}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/tickets/new')}>
              代客报修
            </Button>
          </Space>
        }
      />
      <Card variant="borderless">
        <Tabs
          activeKey={group}
          onChange={(key) => {
            setGroup(key as StatusGroupKey);
            setPage(1);
          }}
          items={STATUS_GROUPS.map((g) => ({ key: g.key, label: g.label }))}
          tabBarExtraContent={
            <Space>
              <Input.Search
                allowClear
                placeholder="搜索工单号 / 房号"
                style={{ width: 200 }}
                onSearch={setSearch}
                onChange={(e) => !e.target.value && setSearch('')}
                data-testid="ticket-search"
              />
              <Select<TicketKind>
                allowClear
                placeholder="全部类型"
                style={{ width: 130 }}
                value={kind}
                onChange={(k) => {
                  setKind(k);
                  setPage(1);
                }}
                options={(['repair', 'service', 'suggestion', 'consultation'] as const).map((k) => ({
                  value: k,
                  label: TICKET_KIND_LABELS[k],
                }))}
                data-testid="kind-filter"
              />
            </Space>
          }
        />
        {tickets.error && !tickets.data ? (
          <ErrorState error={tickets.error} onRetry={reload} title="工单加载失败" />
        ) : (
          <Table<ITicket>
            rowKey="id"
            size="middle"
            data-testid="ticket-table"
            columns={columns}
            dataSource={rows}
            loading={tickets.loading && !tickets.data}
            // Wider than the card on a laptop screen: scroll inside it instead of spilling the 详情 column out.
            scroll={{ x: 'max-content' }}
            onRow={(t) => ({ onDoubleClick: () => setOpenId(t.id) })}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: tickets.data?.total ?? 0,
              onChange: setPage,
              showTotal: (t) => `共 ${t} 张`,
              hideOnSinglePage: true,
            }}
            locale={{ emptyText: tickets.loading ? ' ' : <Empty description="没有符合条件的工单" /> }}
          />
        )}
      </Card>
      {openId !== null ? (
        <TicketDetailDrawer ticketId={openId} onClose={() => setOpenId(null)} onChanged={reload} />
      ) : null}
    </div>
  );
}
