import {
  SLA_BREACH_LIST_LIMIT,
  SLA_DEADLINE_LABELS,
  URGENCY_LABELS,
  rateBpText,
  type ISlaBreachRow,
  type ISlaReportCategoryRow,
  type ISlaReportFigures,
  type ISlaReportTechnicianRow,
} from '@app/shared';
import { Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { idColumn } from '../../components/id-column';
import { formatDateTime } from '../../lib/time';
import { categoryLabel } from '../tickets/categories';
import { averageText, lateText, totalBreaches } from './sla-logic';

/** The columns every grouping shares: tickets, on time, breaches by kind, averages. */
function figureColumns<T extends ISlaReportFigures>(): TableColumnsType<T> {
  return [
    { title: '工单数', dataIndex: 'tickets', width: 80, align: 'right' },
    { title: '按时率', key: 'rate', width: 90, align: 'right', render: (_, r) => rateBpText(r.onTimeRateBp) },
    { title: '响应超时', key: 'respond', width: 90, align: 'right', render: (_, r) => r.breaches.respond },
    { title: '到场超时', key: 'on_site', width: 90, align: 'right', render: (_, r) => r.breaches.on_site },
    { title: '完成超时', key: 'resolve', width: 90, align: 'right', render: (_, r) => r.breaches.resolve },
    { title: '回访超时', key: 'return_visit', width: 90, align: 'right', render: (_, r) => r.breaches.return_visit },
    { title: '平均响应', key: 'avgResponse', width: 120, render: (_, r) => averageText(r.avgResponseMinutes) },
    { title: '平均完成', key: 'avgResolve', width: 130, render: (_, r) => averageText(r.avgResolveMinutes) },
  ];
}

export function CategoryTable({ rows }: { rows: ISlaReportCategoryRow[] }) {
  return (
    <Table<ISlaReportCategoryRow>
      rowKey={(r) => `${r.category}:${r.urgency}`}
      size="middle"
      pagination={false}
      dataSource={rows}
      data-testid="sla-by-category"
      columns={[
        { title: '类别', dataIndex: 'category', width: 180, render: (c: string) => categoryLabel(c) },
        {
          title: '紧急程度',
          dataIndex: 'urgency',
          width: 90,
          render: (u: ISlaReportCategoryRow['urgency']) => URGENCY_LABELS[u],
        },
        ...figureColumns<ISlaReportCategoryRow>(),
      ]}
    />
  );
}

export function TechnicianTable({ rows }: { rows: ISlaReportTechnicianRow[] }) {
  return (
    <Table<ISlaReportTechnicianRow>
      rowKey={(r) => String(r.technicianId)}
      size="middle"
      pagination={false}
      dataSource={rows}
      data-testid="sla-by-technician"
      columns={[
        {
          title: '维修师傅',
          key: 'tech',
          width: 180,
          render: (_, r) =>
            r.technicianId === null ? (
              <Typography.Text type="secondary">未派单</Typography.Text>
            ) : (
              (r.technicianName ?? `#${r.technicianId}`)
            ),
        },
        ...figureColumns<ISlaReportTechnicianRow>(),
      ]}
    />
  );
}

/** The missed deadlines, latest first; the serial opens the ticket drawer. */
export function BreachTable({
  rows,
  total,
  onOpen,
}: {
  rows: ISlaBreachRow[];
  total: ISlaReportFigures['breaches'];
  onOpen(ticketId: number): void;
}) {
  const count = totalBreaches(total);
  return (
    <>
      {count > rows.length ? (
        <Typography.Paragraph type="secondary">
          共 {count} 次超时，列出最近的 {SLA_BREACH_LIST_LIMIT} 次。
        </Typography.Paragraph>
      ) : null}
      <Table<ISlaBreachRow>
        rowKey={(r) => `${r.ticketId}:${r.kind}`}
        size="middle"
        dataSource={rows}
        data-testid="sla-breaches"
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="所选月份没有超时记录" /> }}
        columns={[
          idColumn<ISlaBreachRow>('工单号', 'serial', {
            render: (s, r) => <Typography.Link onClick={() => onOpen(r.ticketId)}>{s}</Typography.Link>,
          }),
          {
            title: '类别',
            dataIndex: 'category',
            width: 160,
            render: (c: string, r) => `${categoryLabel(c)} · ${URGENCY_LABELS[r.urgency]}`,
          },
          {
            title: '超时环节',
            dataIndex: 'kind',
            width: 90,
            render: (k: ISlaBreachRow['kind']) => <Tag color="red">{SLA_DEADLINE_LABELS[k]}</Tag>,
          },
          { title: '时限', dataIndex: 'dueAt', width: 170, render: (d: string) => formatDateTime(d) },
          {
            title: '超时',
            dataIndex: 'lateMinutes',
            width: 170,
            render: (m: number, r) =>
              r.metAt ? lateText(m) : <Typography.Text type="danger">{`${lateText(m)}（尚未完成）`}</Typography.Text>,
          },
          {
            title: '维修师傅',
            key: 'tech',
            render: (_, r) =>
              r.technicianName ??
              (r.technicianId === null ? (
                <Typography.Text type="secondary">未派单</Typography.Text>
              ) : (
                `#${r.technicianId}`
              )),
          },
        ]}
      />
    </>
  );
}
