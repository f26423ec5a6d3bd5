import { BillingItemKind, formatFen, type IBillingItem, type ISharedAmount } from '@app/shared';
import { Alert, App, Button, Empty, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { listSharedAmounts, setSharedAmount } from '../../api/billing';
import { describeError } from '../../api/api-error';
import { ErrorState } from '../../components/ErrorState';
import { useAsync } from '../../lib/use-async';
import { parseYuanInput } from '../../lib/money-input';
import { currentPeriod, periodLabel, recentPeriods } from './billing-logic';

/** 公摊: a month's total per shared item; the bill run splits it exactly to the fen over the houses. */
export function SharedAmountsTab({ projectId, items }: { projectId: number; items: readonly IBillingItem[] }) {
  const { message } = App.useApp();
  const shared = useMemo(() => {
    const seen = new Map<string, IBillingItem>();
    for (const i of items) if (i.kind === BillingItemKind.Shared && !seen.has(i.code)) seen.set(i.code, i);
    return [...seen.values()];
  }, [items]);
  const [chosen, setChosen] = useState<string | undefined>();
  const itemCode = chosen ?? shared[0]?.code;
  const item = shared.find((i) => i.code === itemCode);
  const periods = useMemo(() => recentPeriods(currentPeriod(), 12), []);
  const [page, setPage] = useState(1);
  const list = useAsync(
    () => (itemCode ? listSharedAmounts(projectId, itemCode, page, 12) : Promise.resolve(null)),
    [projectId, itemCode, page],
  );
  const [form] = Form.useForm<{ period: string; amount: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (shared.length === 0)
    return <Empty description="没有公摊项目（如公共水电分摊）。可在「收费项目」中新增，计费方式选「公摊分摊」。" />;

  async function save({ period, amount }: { period: string; amount: string }) {
    if (!itemCode) return;
    setSaving(true);
    setError(null);
    try {
      await setSharedAmount({ projectId, itemCode, period, amount: amount.trim() });
      message.success(`已保存 ${periodLabel(period)} 公摊总额`);
      list.reload();
    } catch (err) {
      setError(describeError(err, '保存失败'));
    } finally {
      setSaving(false);
    }
  }

  const amountRule = {
    validator: (_: unknown, v: string) => {
      const p = parseYuanInput(v, false, 100_000_000_00);
      return p.ok ? Promise.resolve() : Promise.reject(new Error(p.message));
    },
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }} align="start">
        <Select
          value={itemCode}
          onChange={(c) => {
            setChosen(c);
            setPage(1);
          }}
          options={shared.map((i) => ({ value: i.code, label: `${i.name}（${i.code}）` }))}
          style={{ width: 200 }}
          aria-label="公摊项目"
        />
        <Form form={form} layout="inline" onFinish={save} initialValues={{ period: currentPeriod() }}>
          <Form.Item name="period">
            <Select style={{ width: 130 }} options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} />
          </Form.Item>
          <Form.Item name="amount" rules={[amountRule]}>
            <Input placeholder="总额（元），如 3260.55" style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form>
      </Space>
      <Typography.Paragraph type="secondary">
        {item?.sharedSplit === 'house' ? '按户均摊' : '按面积分摊'}
        ：每户金额取整到分，余下的分按最大余数法分给尾数最大的房屋，各户合计恰好等于总额。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.reload} title="公摊金额加载失败" />
      ) : (
        <Table<ISharedAmount>
          rowKey={(r) => `${r.itemCode}-${r.period}`}
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={[
            { title: '月份', dataIndex: 'period', render: periodLabel },
            {
              title: '总额',
              dataIndex: 'amountFen',
              align: 'right',
              render: (v: number) => <span className="money">{formatFen(v)}</span>,
            },
          ]}
          pagination={{
            current: page,
            pageSize: 12,
            total: list.data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
          locale={{ emptyText: list.loading ? ' ' : <Empty description="还没有录入公摊总额" /> }}
        />
      )}
    </>
  );
}
