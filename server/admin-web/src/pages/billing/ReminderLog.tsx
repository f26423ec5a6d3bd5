import { formatFen, type IReminder } from '@app/shared';
import { Empty, Table, Tag } from 'antd';
import { useState } from 'react';
import { listReminders } from '../../api/billing';
import { ErrorState } from '../../components/ErrorState';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';

const CHANNEL_LABELS: Record<IReminder['channel'], string> = { in_app: '站内提醒', notice: '书面通知单' };
const PAGE_SIZE = 20;

/** Who reminded which house, when, how and for how much. */
export function ReminderLog({ projectId, nonce }: { projectId: number; nonce: number }) {
  const [page, setPage] = useState(1);
  const log = useAsync(() => listReminders({ projectId, page, pageSize: PAGE_SIZE }), [projectId, page, nonce]);
  if (log.error && !log.data) return <ErrorState error={log.error} onRetry={log.reload} title="催缴记录加载失败" />;
  return (
    <Table<IReminder>
      rowKey="id"
      size="middle"
      loading={log.loading}
      dataSource={log.data?.items ?? []}
      data-testid="reminder-log"
      columns={[
        { title: '时间', dataIndex: 'sentAt', width: 170, render: (v: string) => formatDateTime(v) },
        { title: '房屋', dataIndex: 'houseLabel', width: 160 },
        {
          title: '方式',
          dataIndex: 'channel',
          width: 110,
          render: (c: IReminder['channel']) => <Tag>{CHANNEL_LABELS[c]}</Tag>,
        },
        {
          title: '当时欠费',
          dataIndex: 'owedFen',
          width: 130,
          align: 'right',
          render: (v: number) => <span className="money">{formatFen(v)}</span>,
        },
        { title: '操作人', dataIndex: 'sentByName' },
      ]}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total: log.data?.total ?? 0,
        onChange: setPage,
        hideOnSinglePage: true,
      }}
      locale={{ emptyText: log.loading ? ' ' : <Empty description="还没有催缴记录" /> }}
    />
  );
}
