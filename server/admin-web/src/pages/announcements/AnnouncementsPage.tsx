import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ANNOUNCEMENT_STATUS_LABELS, type AnnouncementStatus, type IAnnouncement } from '@app/shared';
import {
  App,
  Button,
  Card,
  Empty,
  Popconfirm,
  Progress,
  Segmented,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { listAnnouncements, publishAnnouncement, withdrawAnnouncement } from '../../api/announcements';
import { describeError } from '../../api/api-error';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { readPercent, templateLabel } from './announcement-logic';
import { CreateAnnouncementModal } from './CreateAnnouncementModal';

const STATUS_COLORS: Record<AnnouncementStatus, string> = { draft: 'default', published: 'green', withdrawn: 'orange' };
type Filter = AnnouncementStatus | 'all';

export default function AnnouncementsPage() {
  const project = useSelectedProject();
  return <AnnouncementsView key={project.id} />;
}

/** 公告管理: notices to the project or chosen buildings; draft → 发布 (residents get a message) → 撤回; read counts. */
function AnnouncementsView() {
  const project = useSelectedProject();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);
  const list = useAsync(
    () => listAnnouncements(project.id, filter === 'all' ? undefined : filter, page),
    [project.id, filter, page],
  );

  async function run(a: IAnnouncement, action: 'publish' | 'withdraw') {
    setBusy(a.id);
    try {
      const done = action === 'publish' ? await publishAnnouncement(a) : await withdrawAnnouncement(a);
      message.success(
        action === 'publish' ? `已发布，${done.recipients} 位住户将收到消息` : '已撤回，住户首页不再显示',
      );
    } catch (err) {
      message.error(describeError(err, action === 'publish' ? '发布失败' : '撤回失败'));
    } finally {
      setBusy(null);
      list.reload();
    }
  }

  const columns: TableColumnsType<IAnnouncement> = [
    {
      title: '公告',
      key: 'title',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Space size={6}>
            <Tag>{templateLabel(a.template)}</Tag>
            <Typography.Text strong>{a.title}</Typography.Text>
          </Space>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
            {a.body}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '范围',
      key: 'scope',
      width: 160,
      render: (_, a) => (a.buildingNames.length ? a.buildingNames.join('、') : <Tag color="blue">全项目</Tag>),
    },
    {
      title: '起止时间',
      key: 'range',
      width: 190,
      render: (_, a) => (
        <>
          {formatDateTime(a.startsAt)}
          <br />至 {formatDateTime(a.endsAt)}
        </>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: AnnouncementStatus) => <Tag color={STATUS_COLORS[s]}>{ANNOUNCEMENT_STATUS_LABELS[s]}</Tag>,
    },
    {
      title: '已读',
      key: 'read',
      width: 170,
      render: (_, a) =>
        a.status === 'draft' ? (
          <Typography.Text type="secondary">未发布</Typography.Text>
        ) : (
          <Tooltip title={`${a.recipients} 位住户收到，${a.read} 位已读`}>
            <div data-testid="announcement-read">
              <Progress
                percent={readPercent(a.read, a.recipients)}
                size="small"
                format={() => `${a.read}/${a.recipients}`}
              />
            </div>
          </Tooltip>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, a) =>
        a.status === 'draft' ? (
          <Popconfirm
            title="发布后住户将收到消息，确定发布？"
            okText="发布"
            cancelText="取消"
            onConfirm={() => run(a, 'publish')}
          >
            <Button size="small" type="primary" loading={busy === a.id} data-testid="announcement-publish">
              发布
            </Button>
          </Popconfirm>
        ) : a.status === 'published' ? (
          <Popconfirm
            title="撤回后住户首页不再显示，已发出的消息不会收回。确定撤回？"
            okText="撤回"
            cancelText="取消"
            onConfirm={() => run(a, 'withdraw')}
          >
            <Button size="small" danger loading={busy === a.id}>
              撤回
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <div className="page" data-testid="announcements-page">
      <PageHeader
        title="公告管理"
        description={`${project.name} · 发布时，所选楼栋（或全项目）已认证的住户会在小程序首页看到公告并收到一条消息；已读人数随住户打开而更新。`}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              刷新
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="announcement-new"
            >
              新建公告
            </Button>
          </Space>
        }
      />
      <Card variant="borderless">
        <Segmented<Filter>
          value={filter}
          onChange={(f) => {
            setFilter(f);
            setPage(1);
          }}
          style={{ marginBottom: 16 }}
          options={[
            { value: 'all', label: '全部' },
            { value: 'draft', label: '草稿' },
            { value: 'published', label: '已发布' },
            { value: 'withdrawn', label: '已撤回' },
          ]}
        />
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} title="公告加载失败" />
        ) : (
          <Table<IAnnouncement>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            pagination={{
              current: page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              hideOnSinglePage: true,
              onChange: setPage,
            }}
            locale={{ emptyText: list.loading ? ' ' : <Empty description="暂无公告，点「新建公告」从模板开始" /> }}
          />
        )}
      </Card>
      {creating ? (
        <CreateAnnouncementModal
          projectId={project.id}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setFilter('all');
            setPage(1);
            list.reload();
          }}
        />
      ) : null}
    </div>
  );
}
