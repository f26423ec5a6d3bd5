import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { formatFen, type IMaterialPrice, type IUpsertMaterialPriceRequest } from '@app/shared';
import { Button, Card, Empty, Input, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { MaterialDrawer } from './MaterialDrawer';
import { nextItemCode } from './price-logic';
import { idColumn } from '../../components/id-column';

/** 材料价格表 editor: one flat table of warehouse purchase prices. */
export function MaterialsPanel(props: {
  materials: IMaterialPrice[];
  editable: boolean;
  onSave(body: IUpsertMaterialPriceRequest): Promise<void>;
  onDelete(code: string): Promise<void>;
}) {
  const { materials, editable, onSave, onDelete } = props;
  const [editing, setEditing] = useState<IMaterialPrice | 'new' | null>(null);
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const rows = materials.filter((m) => !q || `${m.code} ${m.name} ${m.spec}`.toLowerCase().includes(q));

  const columns: TableColumnsType<IMaterialPrice> = [
    idColumn('编码', 'code', { width: 100 }),
    { title: '材料名称', dataIndex: 'name' },
    { title: '规格型号', dataIndex: 'spec', render: (spec: string) => spec || '—' },
    { title: '单位', dataIndex: 'unit', width: 80 },
    {
      title: '采购单价',
      key: 'price',
      width: 130,
      align: 'right',
      render: (_, m) => <span className="money">{formatFen(m.priceFen)}</span>,
    },
  ];
  if (editable) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, m) => (
        <Space size={4}>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(m)}>
            编辑
          </Button>
          <Popconfirm
            title={`删除「${m.name}」？`}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => onDelete(m.code)}
          >
            <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={`删除 ${m.code}`} />
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Card size="small" variant="borderless">
      <div className="toolbar" style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="搜索编码、名称或规格"
          style={{ width: 260 }}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div style={{ flex: 1 }} />
        {editable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增材料
          </Button>
        ) : null}
      </div>
      <Table<IMaterialPrice>
        rowKey="code"
        size="small"
        data-testid="items-table"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty description={q ? '没有匹配的材料' : '还没有材料价格'} /> }}
      />
      {editing ? (
        <MaterialDrawer
          material={editing === 'new' ? null : editing}
          suggestedCode={nextItemCode(materials, 'M')}
          onClose={() => setEditing(null)}
          onSave={async (body) => {
            await onSave(body);
            setEditing(null);
          }}
        />
      ) : null}
    </Card>
  );
}
