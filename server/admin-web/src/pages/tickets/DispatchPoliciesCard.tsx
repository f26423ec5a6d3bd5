import type { DispatchMode, IDispatchPolicy, IServiceCategory } from '@app/shared';
import { App, Button, Card, InputNumber, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { getDispatchPolicies, saveDispatchPolicy } from '../../api/tickets';
import { ErrorState } from '../../components/ErrorState';
import { useAsync } from '../../lib/use-async';
import { categoryLabel, useProjectCategories } from './categories';

const MODE_OPTIONS: { value: DispatchMode; label: string }[] = [
  { value: 'pool', label: '抢单池（超时后自动派单）' },
  { value: 'auto', label: '直接自动派单' },
  { value: 'assign', label: '主管指派' },
];

/** Server default when a category has no rule (docs/api.md): pool for 30 minutes. */
const DEFAULT_RULE = { mode: 'pool' as DispatchMode, poolMinutes: 30 };

type Row = Omit<IDispatchPolicy, 'projectId'> & { saved: boolean };

/** The default row, then one per company category (company data), then any saved rule for a category no longer listed. */
export function policyRows(
  policies: readonly IDispatchPolicy[],
  categories: readonly Pick<IServiceCategory, 'code'>[],
): Row[] {
  const byCategory = new Map(policies.map((p) => [p.category, p]));
  const codes = [...new Set(['*', ...categories.map((c) => c.code), ...policies.map((p) => p.category)])];
  return codes.map((category) => {
    const p = byCategory.get(category);
    return p
      ? { category, mode: p.mode, poolMinutes: p.poolMinutes, saved: true }
      : { category, ...DEFAULT_RULE, saved: false };
  });
}

export function DispatchPoliciesCard({ projectId }: { projectId: number }) {
  const { message } = App.useApp();
  const policies = useAsync(() => getDispatchPolicies(projectId), [projectId]);
  const categories = useProjectCategories(projectId);
  const [edits, setEdits] = useState<Record<string, Partial<Row>>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const rows = policyRows(policies.data ?? [], categories.data ?? []).map((r) => ({ ...r, ...edits[r.category] }));

  async function save(row: Row) {
    setSaving(row.category);
    try {
      await saveDispatchPolicy(projectId, { category: row.category, mode: row.mode, poolMinutes: row.poolMinutes });
      message.success('派单规则已保存');
      setEdits((e) => ({ ...e, [row.category]: {} }));
      policies.reload();
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setSaving(null);
    }
  }

  const edit = (category: string, patch: Partial<Row>) =>
    setEdits((e) => ({ ...e, [category]: { ...e[category], ...patch } }));
  const columns: TableColumnsType<Row> = [
    {
      title: '类别',
      dataIndex: 'category',
      width: 200,
      render: (c: string) => (c === '*' ? '默认（未单独设置的类别）' : categoryLabel(c, categories.data)),
    },
    {
      title: '派单方式',
      dataIndex: 'mode',
      width: 260,
      render: (m: DispatchMode, r) => (
        <Select
          style={{ width: 240 }}
          value={m}
          options={MODE_OPTIONS}
          onChange={(mode) => edit(r.category, { mode })}
        />
      ),
    },
    {
      title: '抢单时限',
      dataIndex: 'poolMinutes',
      width: 170,
      render: (v: number, r) => (
        <InputNumber
          min={1}
          max={1440}
          precision={0}
          value={v}
          disabled={r.mode !== 'pool'}
          suffix="分钟"
          onChange={(n) => n && edit(r.category, { poolMinutes: n })}
        />
      ),
    },
    {
      title: '',
      key: 'state',
      render: (_, r) => (r.saved ? null : <Typography.Text type="secondary">未设置，按默认</Typography.Text>),
    },
    {
      title: '',
      key: 'save',
      width: 90,
      render: (_, r) => (
        <Button
          size="small"
          loading={saving === r.category}
          disabled={!edits[r.category] || !Object.keys(edits[r.category]!).length}
          onClick={() => save(r)}
        >
          保存
        </Button>
      ),
    },
  ];

  return (
    <Card
      variant="borderless"
      title="派单规则"
      extra={<Typography.Text type="secondary">没有规则的类别进入抢单池 30 分钟</Typography.Text>}
    >
      {policies.error && !policies.data ? (
        <ErrorState error={policies.error} onRetry={policies.reload} title="派单规则加载失败" />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Table<Row>
            rowKey="category"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={rows}
            loading={policies.loading && !policies.data}
            data-testid="dispatch-policies"
          />
        </Space>
      )}
    </Card>
  );
}
