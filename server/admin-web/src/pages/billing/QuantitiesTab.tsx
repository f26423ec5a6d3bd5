import { BillingItemKind, type IBillingItem, type IHouseQuantity } from '@app/shared';
import { Alert, App, Button, Empty, Form, InputNumber, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { listHouseQuantities, setHouseQuantity } from '../../api/billing';
import { describeError } from '../../api/api-error';
import { ErrorState } from '../../components/ErrorState';
import { useAsync } from '../../lib/use-async';
import { HouseSelect } from './HouseSelect';

const PAGE_SIZE = 20;

/** Per-space items (车位管理费 × spaces): each house's quantity; 0 removes the line from its bills. */
export function QuantitiesTab({ projectId, items }: { projectId: number; items: readonly IBillingItem[] }) {
  const { message } = App.useApp();
  const options = useMemo(() => {
    const seen = new Map<string, string>();
    for (const i of items) if (i.kind === BillingItemKind.PerSpace && !seen.has(i.code)) seen.set(i.code, i.name);
    return [...seen.entries()].map(([value, name]) => ({ value, label: `${name}（${value}）` }));
  }, [items]);
  const [chosen, setChosen] = useState<string | undefined>();
  const itemCode = chosen ?? options[0]?.value;
  const [page, setPage] = useState(1);
  const list = useAsync(
    () => (itemCode ? listHouseQuantities(projectId, itemCode, page, PAGE_SIZE) : Promise.resolve(null)),
    [projectId, itemCode, page],
  );
  const [form] = Form.useForm<{ houseId: number; quantity: number }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (options.length === 0)
    return (
      <Empty description="没有按数量收费的项目（如车位管理费）。可在「收费项目」中新增，计费方式选「按车位/数量」。" />
    );

  async function save({ houseId, quantity }: { houseId: number; quantity: number }) {
    if (!itemCode) return;
    setSaving(true);
    setError(null);
    try {
      await setHouseQuantity({ itemCode, houseId, quantity });
      message.success('已保存，从下次生成账单起生效');
      form.resetFields();
      list.reload();
    } catch (err) {
      setError(describeError(err, '保存失败'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }} align="start">
        <Select
          value={itemCode}
          onChange={(c) => {
            setChosen(c);
            setPage(1);
          }}
          options={options}
          style={{ width: 200 }}
          aria-label="收费项目"
        />
        <Form form={form} layout="inline" onFinish={save}>
          <Form.Item name="houseId" rules={[{ required: true, message: '请选择房屋' }]} style={{ width: 240 }}>
            <HouseSelect projectId={projectId} />
          </Form.Item>
          <Form.Item name="quantity" rules={[{ required: true, message: '请填写数量' }]}>
            <InputNumber min={0} max={99} precision={0} placeholder="数量" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form>
      </Space>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.reload} title="数量加载失败" />
      ) : (
        <Table<IHouseQuantity>
          rowKey="houseId"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={[
            { title: '房屋', dataIndex: 'houseLabel' },
            { title: '数量', dataIndex: 'quantity', width: 120 },
          ]}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (t) => `共 ${t} 户`,
            hideOnSinglePage: true,
          }}
          locale={{ emptyText: list.loading ? ' ' : <Empty description="还没有为任何房屋设置数量" /> }}
        />
      )}
    </>
  );
}
