import type { IAuditEntryView, IAuditQuery } from '@app/shared';
import {
  Button,
  Card,
  DatePicker,
  Form,
  InputNumber,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { listStaff, searchAudit } from '../../api/admin';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useAsync } from '../../lib/use-async';
import { ACTION_OPTIONS, ENTITY_LABELS, actionLabel, entityLabel } from './audit-actions';
import { diffRows, type StaffNames } from './audit-diff';
import { fieldLabel } from './audit-labels';

interface FilterForm {
  actorId?: number;
  action?: string;
  entityType?: string;
  entityId?: number;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** Every object the log names (ENTITY_LABELS), so complaints, announcements and payments can be filtered too. */
const ENTITY_TYPES = Object.keys(ENTITY_LABELS);

function DiffView({ entry, staff }: { entry: IAuditEntryView; staff: StaffNames }) {
  const rows = diffRows(entry.before, entry.after, entry.entityType, staff);
  if (!rows.length)
    return (
      <Typography.Text type="secondary">没有记录变更内容{entry.reason ? `（${entry.reason}）` : ''}</Typography.Text>
    );
  return (
    <table className="audit-diff" data-testid={`diff-${entry.id}`}>
      <thead>
        <tr>
          <th>字段</th>
          <th>变更前</th>
          <th>变更后</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} className={r.changed ? 'changed' : undefined}>
            <td className="audit-diff__field">{fieldLabel(r.field)}</td>
            <td>
              <span className={r.changed ? 'before' : undefined}>{r.before}</span>
            </td>
            <td>
              <span className={r.changed ? 'after' : undefined}>{r.after}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function AuditLogPage() {
  const [form] = Form.useForm<FilterForm>();
  const [query, setQuery] = useState<IAuditQuery>({ page: 1, pageSize: 20 });
  const list = useAsync(() => searchAudit(query), [query]);
  // The same list feeds the 操作人 filter and the names of staff-id fields in the diff (调查人, 责任人).
  const staff = useAsync(() => listStaff({ pageSize: 200 }).then((p) => p.items), []);
  const staffNames: StaffNames = useMemo(() => new Map((staff.data ?? []).map((s) => [s.id, s.name])), [staff.data]);

  function apply(values: FilterForm) {
    const [from, to] = values.range ?? [null, null];
    setQuery({
      page: 1,
      pageSize: 20,
      actorId: values.actorId,
      action: values.action,
      entityType: values.entityType,
      entityId: values.entityId ?? undefined,
      from: from ? from.startOf('day').toISOString() : undefined,
      to: to ? to.add(1, 'day').startOf('day').toISOString() : undefined,
    });
  }

  const columns: TableColumnsType<IAuditEntryView> = [
    {
      title: '时间',
      dataIndex: 'at',
      width: 180,
      render: (at: string) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
    },
    {
      title: '操作人',
      key: 'actor',
      width: 120,
      render: (_, e) => e.actorName ?? (e.actorId ? `#${e.actorId}` : '系统'),
    },
    { title: '动作', key: 'action', width: 170, render: (_, e) => <Tag>{actionLabel(e.action)}</Tag> },
    { title: '对象', key: 'entity', width: 120, render: (_, e) => entityLabel(e.entityType, e.entityId) },
    {
      title: '变更（前 → 后）',
      key: 'diff',
      onCell: () => ({ style: { minWidth: 480 } }),
      render: (_, e) => <DiffView entry={e} staff={staffNames} />,
    },
  ];

  return (
    <div className="page" data-testid="audit-log-page">
      <PageHeader
        title="审计日志"
        description="组织、账号、授权和收费的每一次变更：谁、何时、对什么、改了什么。日志只增不改。"
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form name="audit-filter" form={form} layout="inline" onFinish={apply}>
          <Form.Item name="actorId">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="操作人"
              style={{ width: 160 }}
              aria-label="操作人"
              options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="action">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="动作"
              style={{ width: 220 }}
              options={ACTION_OPTIONS}
              aria-label="动作"
            />
          </Form.Item>
          <Form.Item name="entityType">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="对象类型"
              style={{ width: 130 }}
              options={ENTITY_TYPES.map((t) => ({ value: t, label: ENTITY_LABELS[t] ?? t }))}
              aria-label="对象类型"
            />
          </Form.Item>
          <Form.Item name="entityId">
            <InputNumber placeholder="对象 ID" min={1} precision={0} style={{ width: 110 }} aria-label="对象 ID" />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker aria-label="时间范围" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            查询
          </Button>
          <Button
            style={{ marginLeft: 8 }}
            onClick={() => {
              form.resetFields();
              setQuery({ page: 1, pageSize: 20 });
            }}
          >
            重置
          </Button>
        </Form>
      </Card>
      <Card variant="borderless">
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} title="审计日志加载失败" />
        ) : (
          <Table<IAuditEntryView>
            rowKey="id"
            size="middle"
            loading={list.loading && !list.data}
            columns={columns}
            dataSource={list.data?.items ?? []}
            pagination={{
              current: query.page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (page) => setQuery((q) => ({ ...q, page })),
            }}
          />
        )}
      </Card>
    </div>
  );
}
