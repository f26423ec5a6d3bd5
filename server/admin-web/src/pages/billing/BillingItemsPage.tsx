import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { BILLING_ITEM_KIND_LABELS, formatFen, HOUSE_TYPE_LABELS, type IBillingItem } from '@app/shared';
import { Button, Card, Empty, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { listBillingItems } from '../../api/billing';
import { ErrorState } from '../../components/ErrorState';
import { idColumn } from '../../components/id-column';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { effectiveText, groupItemHistory, type ItemHistory } from './billing-logic';
import { ItemModal } from './ItemModal';
import { LateFeeTab } from './LateFeeTab';
import { QuantitiesTab } from './QuantitiesTab';
import { SharedAmountsTab } from './SharedAmountsTab';

export default function BillingItemsPage() {
  const project = useSelectedProject();
  return <BillingItemsView key={project.id} />;
}

type Row = ItemHistory['lines'][number] & { key: string; code: string; name: string; kind: IBillingItem['kind'] };

/** 收费项目: the project's recurring fee items with their price history, quantities, 公摊 totals and late-fee policy. */
function BillingItemsView() {
  const project = useSelectedProject();
  const items = useAsync(() => listBillingItems(project.id, true), [project.id]);
  const [editing, setEditing] = useState<{ base: IBillingItem | null } | null>(null);
  const rows: Row[] = groupItemHistory(items.data ?? []).flatMap((g) =>
    g.lines.map((l) => ({ ...l, key: `${g.code}-${l.houseType ?? '*'}`, code: g.code, name: g.name, kind: g.kind })),
  );

  const typedCodes = new Set(rows.filter((r) => r.houseType !== null).map((r) => r.code));
  const columns: TableColumnsType<Row> = [
    idColumn<Row>('编码', 'code', { width: 90 }),
    { title: '名称', dataIndex: 'name', width: 140 },
    {
      title: '计费方式',
      dataIndex: 'kind',
      width: 120,
      render: (k: IBillingItem['kind']) => BILLING_ITEM_KIND_LABELS[k],
    },
    // Only area and fixed items are priced per house type; for the others the column does not apply.
    {
      title: '适用房屋',
      dataIndex: 'houseType',
      width: 100,
      render: (t: IBillingItem['houseType'], r) =>
        t
          ? HOUSE_TYPE_LABELS[t]
          : r.kind !== 'area' && r.kind !== 'fixed'
            ? '—'
            : typedCodes.has(r.code)
              ? '其余类型'
              : '全部',
    },
    {
      title: '当前单价',
      key: 'price',
      width: 160,
      render: (_, r) =>
        r.current ? (
          <span className="money">
            {formatFen(r.current.unitPriceFen)} <Typography.Text type="secondary">{r.current.unit}</Typography.Text>
          </span>
        ) : (
          <Tag>已停用</Tag>
        ),
    },
    {
      title: '生效',
      key: 'effective',
      width: 150,
      render: (_, r) => (r.current ? effectiveText(r.current) : effectiveText(r.history[0])),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, r) => (
        <Button size="small" onClick={() => setEditing({ base: r.current ?? r.history[0] })}>
          调价
        </Button>
      ),
    },
  ];

  const itemsTab =
    items.error && !items.data ? (
      <ErrorState error={items.error} onRetry={items.reload} title="收费项目加载失败" />
    ) : (
      <Table<Row>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={items.loading}
        pagination={false}
        data-testid="billing-items"
        expandable={{
          rowExpandable: (r) => r.history.length > 1,
          expandedRowRender: (r) => (
            <Table<IBillingItem>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.history}
              columns={[
                { title: '生效期间', key: 'period', render: (_, i) => effectiveText(i) },
                { title: '单价', dataIndex: 'unitPriceFen', render: (v: number, i) => `${formatFen(v)} ${i.unit}` },
              ]}
            />
          ),
        }}
        locale={{
          emptyText: items.loading ? (
            ' '
          ) : (
            <Empty description="还没有收费项目：先添加物业服务费（按面积），再按需添加水电、车位、公摊等。" />
          ),
        }}
      />
    );

  return (
    <div className="page" data-testid="billing-items-page">
      <PageHeader
        title="收费项目"
        description={`${project.name} · 调价不会修改已出账的月份：新价格从所选「生效月份」起适用，之前的月份仍按原价。`}
        extra={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ base: null })}>
              新增项目
            </Button>
            <Button icon={<ReloadOutlined />} onClick={items.reload}>
              刷新
            </Button>
          </>
        }
      />
      <Card variant="borderless">
        <Tabs
          items={[
            { key: 'items', label: '收费项目', children: itemsTab },
            {
              key: 'quantities',
              label: '按数量收费',
              children: <QuantitiesTab projectId={project.id} items={items.data ?? []} />,
            },
            {
              key: 'shared',
              label: '公摊金额',
              children: <SharedAmountsTab projectId={project.id} items={items.data ?? []} />,
            },
            { key: 'late-fee', label: '滞纳金', children: <LateFeeTab projectId={project.id} /> },
          ]}
        />
      </Card>
      {editing ? (
        <ItemModal
          projectId={project.id}
          base={editing.base}
          existing={items.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            items.reload();
          }}
        />
      ) : null}
    </div>
  );
}
