import type { IFeeCategory, IPriceListVersion } from '@app/shared';
import { Alert, Card, Empty, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { diffPriceLists } from '../../api/catalog';
import { ErrorState } from '../../components/ErrorState';
import { useAsync } from '../../lib/use-async';
import { DIFF_CHANGE_LABELS, diffRows, diffSummary, statusLabel, type DiffRow } from './price-logic';
import { idColumn } from '../../components/id-column';

const CHANGE_COLORS = { added: 'green', removed: 'red', changed: 'gold' } as const;

/** 对比: what this version changes relative to another one of the same list (default: the one in force). */
export function DiffPanel(props: {
  version: IPriceListVersion;
  others: IPriceListVersion[];
  categories: IFeeCategory[];
}) {
  const { version, others, categories } = props;
  const initial = others.find((v) => v.inForce) ?? others[0];
  const [againstId, setAgainstId] = useState<number | undefined>(initial?.id);
  const diff = useAsync(
    () => (againstId ? diffPriceLists(version.id, againstId) : Promise.resolve(null)),
    [version.id, againstId],
  );
  const rows = diff.data ? diffRows(diff.data, categories) : [];

  const columns: TableColumnsType<DiffRow> = [
    idColumn('编码', 'code', { width: 100 }),
    { title: '名称', dataIndex: 'name', width: 220 },
    {
      title: '变化',
      key: 'change',
      width: 90,
      render: (_, r) => <Tag color={CHANGE_COLORS[r.change]}>{DIFF_CHANGE_LABELS[r.change]}</Tag>,
    },
    {
      title: '内容（调整前 → 调整后）',
      key: 'changes',
      render: (_, r) =>
        r.changes.length ? (
          <Space direction="vertical" size={2}>
            {r.changes.map((c) => (
              <span key={c.field}>
                <Typography.Text type="secondary">{c.label}：</Typography.Text>
                <Typography.Text delete type="secondary">
                  {c.before}
                </Typography.Text>
                {' → '}
                <Typography.Text strong>{c.after}</Typography.Text>
              </span>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{r.change === 'added' ? '本版本新增' : '本版本已删除'}</Typography.Text>
        ),
    },
  ];

  if (!others.length) return <Empty description="没有可对比的其他版本" />;

  return (
    <Card size="small" variant="borderless" data-testid="diff-panel">
      <div className="toolbar" style={{ marginBottom: 12 }}>
        <span>对比版本</span>
        <Select
          style={{ minWidth: 360 }}
          value={againstId}
          onChange={setAgainstId}
          data-testid="diff-against"
          options={others.map((v) => ({
            value: v.id,
            label: `V${v.versionNo} · ${v.title}（${v.inForce ? '执行中' : statusLabel(v.status)}）`,
          }))}
        />
        {diff.data ? (
          <Typography.Text type="secondary" data-testid="diff-summary">
            {diffSummary(rows)}
          </Typography.Text>
        ) : null}
      </div>
      {diff.error ? (
        <ErrorState error={diff.error} onRetry={diff.reload} title="对比失败" />
      ) : (
        <>
          {diff.data && !rows.length ? (
            <Alert type="info" showIcon title="两个版本内容完全相同" style={{ marginBottom: 12 }} />
          ) : null}
          <Table<DiffRow>
            rowKey={(r) => `${r.change}:${r.code}`}
            size="small"
            data-testid="diff-table"
            loading={diff.loading}
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: diff.loading ? ' ' : <Empty description="没有差异" /> }}
          />
        </>
      )}
    </Card>
  );
}
