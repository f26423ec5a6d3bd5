import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { formatFen, type IFeeItem, type IUpsertFeeCategoryRequest, type IUpsertFeeItemRequest } from '@app/shared';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Menu,
  Modal,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import type { IPriceListDetail } from '../../api/catalog';
import { FeeItemDrawer } from './FeeItemDrawer';
import { nextItemCode, priceListErrorMessage } from './price-logic';
import { idColumn } from '../../components/id-column';

const ALL = '__all__';

/** 收费标准 editor: categories on the left, the selected category's items on the right. */
export function FeeItemsPanel(props: {
  detail: IPriceListDetail;
  editable: boolean;
  onSaveItem(body: IUpsertFeeItemRequest): Promise<void>;
  onDelete(code: string): Promise<void>;
  onSaveCategory(body: IUpsertFeeCategoryRequest): Promise<void>;
}) {
  const { detail, editable, onSaveItem, onDelete, onSaveCategory } = props;
  const [category, setCategory] = useState<string>(ALL);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<IFeeItem | 'new' | null>(null);
  const [addingCategory, setAddingCategory] = useState(false);

  const categoryName = useMemo(() => new Map(detail.categories.map((c) => [c.code, c.name])), [detail.categories]);
  const q = query.trim().toLowerCase();
  // The server orders by sortOrder only; "全部" reads better grouped by category, as on the poster.
  const categoryRank = useMemo(
    () => new Map(detail.categories.map((c, index) => [c.code, index])),
    [detail.categories],
  );
  const rows = detail.items
    .filter(
      (i) =>
        (category === ALL || i.categoryCode === category) &&
        (!q || i.name.toLowerCase().includes(q) || i.code.toLowerCase().includes(q)),
    )
    .sort(
      (a, b) =>
        (categoryRank.get(a.categoryCode) ?? 99) - (categoryRank.get(b.categoryCode) ?? 99) ||
        a.sortOrder - b.sortOrder,
    );
  const count = (code: string) => detail.items.filter((i) => i.categoryCode === code).length;
  const defaultCategory = category === ALL ? (detail.categories[0]?.code ?? '') : category;

  const columns: TableColumnsType<IFeeItem> = [
    idColumn('编码', 'code', { width: 100 }),
    {
      title: '项目名称',
      key: 'name',
      render: (_, i) => (
        <div>
          <div>{i.name}</div>
          {category === ALL ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {categoryName.get(i.categoryCode)}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { title: '单位', dataIndex: 'unit', width: 70 },
    {
      title: '人工费',
      key: 'labour',
      width: 110,
      align: 'right',
      render: (_, i) => <span className="money">{formatFen(i.labourPriceFen)}</span>,
    },
    {
      title: '上门费',
      key: 'callOut',
      width: 100,
      align: 'right',
      render: (_, i) =>
        i.callOutFeeFen ? (
          <span className="money">{formatFen(i.callOutFeeFen)}</span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '材料',
      key: 'materials',
      width: 90,
      render: (_, i) => (i.materialsExtra ? <Tag color="orange">另计</Tag> : <Tag>含材料</Tag>),
    },
    { title: '服务标准', dataIndex: 'serviceStandard', ellipsis: { showTitle: true } },
  ];
  if (editable) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, i) => (
        <Space size={4}>
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => setEditing(i)}
            aria-label={`编辑 ${i.code}`}
          >
            编辑
          </Button>
          <Popconfirm
            title={`删除「${i.name}」？`}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => onDelete(i.code)}
          >
            <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={`删除 ${i.code}`} />
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="220px">
        <Card
          size="small"
          title="分类"
          variant="borderless"
          className="category-card"
          extra={
            editable ? (
              <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setAddingCategory(true)}>
                新增
              </Button>
            ) : null
          }
        >
          <Menu
            mode="inline"
            selectedKeys={[category]}
            onClick={({ key }) => setCategory(key)}
            style={{ borderInlineEnd: 'none' }}
            data-testid="category-menu"
            items={[
              { key: ALL, label: <CategoryLabel name="全部" count={detail.items.length} /> },
              ...detail.categories.map((c) => ({
                key: c.code,
                label: <CategoryLabel name={c.name} count={count(c.code)} />,
              })),
            ]}
          />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card size="small" variant="borderless">
          <div className="toolbar" style={{ marginBottom: 12 }}>
            <Input.Search
              allowClear
              placeholder="搜索编码或名称"
              style={{ width: 240 }}
              onChange={(e) => setQuery(e.target.value)}
            />
            <div style={{ flex: 1 }} />
            {editable ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                disabled={!detail.categories.length}
                onClick={() => setEditing('new')}
              >
                新增项目
              </Button>
            ) : null}
          </div>
          <Table<IFeeItem>
            rowKey="code"
            size="small"
            data-testid="items-table"
            columns={columns}
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty description={q ? '没有匹配的项目' : '本分类还没有收费项目'} /> }}
          />
        </Card>
      </Col>
      {editing ? (
        <FeeItemDrawer
          item={editing === 'new' ? null : editing}
          categories={detail.categories}
          defaultCategory={defaultCategory}
          suggestCode={(code) => nextItemCode(detail.items, code)}
          onClose={() => setEditing(null)}
          onSave={async (body) => {
            await onSaveItem(body);
            setEditing(null);
          }}
        />
      ) : null}
      {addingCategory ? (
        <CategoryModal
          onClose={() => setAddingCategory(false)}
          nextSort={Math.max(0, ...detail.categories.map((c) => c.sortOrder)) + 1}
          onSave={async (body) => {
            await onSaveCategory(body);
            setAddingCategory(false);
            setCategory(body.code);
          }}
        />
      ) : null}
    </Row>
  );
}

function CategoryLabel({ name, count }: { name: string; count: number }) {
  return (
    <span className="category-label">
      <span>{name}</span>
      <span className="category-count">{count}</span>
    </span>
  );
}

function CategoryModal(props: {
  nextSort: number;
  onSave(body: IUpsertFeeCategoryRequest): Promise<void>;
  onClose(): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<IUpsertFeeCategoryRequest>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title="新增分类"
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      <Form<IUpsertFeeCategoryRequest>
        form={form}
        layout="vertical"
        initialValues={{ sortOrder: props.nextSort }}
        onFinish={async (values) => {
          setSaving(true);
          try {
            await props.onSave({ ...values, code: values.code.trim().toUpperCase(), name: values.name.trim() });
          } catch (error) {
            message.error(priceListErrorMessage(error));
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="code"
          label="分类编码"
          rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/, message: '字母、数字或短横线，如 KT' }]}
        >
          <Input maxLength={16} placeholder="如 KT" />
        </Form.Item>
        <Form.Item
          name="name"
          label="分类名称"
          rules={[{ required: true, whitespace: true, message: '请填写分类名称' }, { max: 50 }]}
        >
          <Input maxLength={50} placeholder="如 空调维修类" />
        </Form.Item>
        <Form.Item name="sortOrder" label="排序">
          <InputNumber min={0} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
