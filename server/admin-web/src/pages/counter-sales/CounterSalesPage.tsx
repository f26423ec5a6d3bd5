import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { formatFen, formatQuantity, shanghaiDate } from '@app/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { describeError } from '../../api/api-error';
import { getPublicFeeSchedule } from '../../api/catalog';
import { createCounterSale, getCounterSales, type ICounterSale } from '../../api/charges';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { counterEstimate, PAID_BY_LABELS, type PaidBy } from '../cash/charge-logic';
import { buildQuoteRequest, type QuoteDraftRow } from '../fee-schedule/quote-logic';

const COUNTER_CATEGORY = '打字复印';

export default function CounterSalesPage() {
  const project = useSelectedProject();
  return <CounterView key={project.id} />;
}

function CounterView() {
  const project = useSelectedProject();
  const { message } = App.useApp();
  const schedule = useAsync(() => getPublicFeeSchedule(project.id), [project.id]);
  const [date, setDate] = useState(() => shanghaiDate(new Date()));
  const ledger = useAsync(() => getCounterSales(project.id, date), [project.id, date]);
  const [rows, setRows] = useState<QuoteDraftRow[]>([{ key: 1, code: null, quantity: '1' }]);
  const [paidBy, setPaidBy] = useState<PaidBy>('cash');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const items = useMemo(
    () => (schedule.data?.categories ?? []).filter((c) => c.name.includes(COUNTER_CATEGORY)).flatMap((c) => c.items),
    [schedule.data],
  );
  const estimate = counterEstimate(items, rows);
  const update = (key: number, patch: Partial<QuoteDraftRow>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function submit() {
    const built = buildQuoteRequest(project.id, rows);
    if (!built.ok) {
      setError(built.message);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const sale = await createCounterSale({
        projectId: project.id,
        items: built.request.items,
        paidBy,
        note: note.trim() || null,
      });
      message.success(`已收款 ${formatFen(sale.totalFen)}（${PAID_BY_LABELS[paidBy]}），已记入今日台账`);
      setRows([{ key: Date.now(), code: null, quantity: '1' }]);
      setNote('');
      const today = shanghaiDate(new Date());
      if (date === today) ledger.reload();
      else setDate(today);
    } catch (err) {
      setError(describeError(err, '收款记录失败，请稍后重试'));
    } finally {
      setSaving(false);
    }
  }

  const columns: TableColumnsType<ICounterSale> = [
    { title: '时间', key: 'at', width: 150, render: (_, s) => formatDateTime(s.paidAt ?? s.createdAt) },
    {
      title: '明细',
      key: 'lines',
      render: (_, s) => s.lines.map((l) => `${l.name} × ${formatQuantity(l.quantityMilli)}${l.unit}`).join('；'),
    },
    {
      title: '支付方式',
      key: 'paidBy',
      width: 100,
      render: (_, s) =>
        s.paidBy in PAID_BY_LABELS ? PAID_BY_LABELS[s.paidBy as keyof typeof PAID_BY_LABELS] : s.paidBy || '—',
    },
    { title: '备注', dataIndex: 'note', width: 140, render: (v: string | null) => v || '—' },
    {
      title: '金额',
      key: 'total',
      width: 110,
      align: 'right',
      render: (_, s) => <span className="money">{formatFen(s.totalFen)}</span>,
    },
  ];

  return (
    <div className="page" data-testid="counter-page">
      <PageHeader
        title="前台收款（打字复印）"
        description={`${project.name} · 按公示的打字复印类收费标准现场收款，每笔自动记入当日台账。`}
      />
      <Row gutter={16} align="top">
        <Col xs={24} xl={9}>
          <Card title="登记收款" variant="borderless" data-testid="counter-form">
            {schedule.error ? (
              <ErrorState error={schedule.error} onRetry={schedule.reload} title="收费标准加载失败" />
            ) : null}
            {schedule.data && !items.length ? (
              <Alert type="warning" showIcon title="当前收费标准中没有打字复印类项目" />
            ) : null}
            <Form layout="vertical" onFinish={submit}>
              <Form.Item label="收费项目与数量" required>
                <Space direction="vertical" style={{ width: '100%' }}>
                  {rows.map((row) => (
                    <Space.Compact key={row.key} block>
                      <Select
                        placeholder="选择项目"
                        style={{ flex: 1, minWidth: 0 }}
                        value={row.code}
                        data-testid="counter-item"
                        options={items.map((i) => ({
                          value: i.code,
                          label: `${i.name} · ${formatFen(i.labourPriceFen)}/${i.unit}`,
                        }))}
                        onChange={(code: string) => update(row.key, { code })}
                      />
                      <Input
                        style={{ width: 100 }}
                        aria-label="数量"
                        inputMode="decimal"
                        value={row.quantity}
                        suffix={items.find((i) => i.code === row.code)?.unit}
                        onChange={(e) => update(row.key, { quantity: e.target.value })}
                      />
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label="移除"
                        disabled={rows.length === 1}
                        onClick={() => setRows((l) => l.filter((r) => r.key !== row.key))}
                      />
                    </Space.Compact>
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => setRows((l) => [...l, { key: Date.now(), code: null, quantity: '1' }])}
                  >
                    添加项目
                  </Button>
                </Space>
              </Form.Item>
              <Form.Item label="支付方式" required>
                <Radio.Group
                  optionType="button"
                  value={paidBy}
                  onChange={(e) => setPaidBy(e.target.value as PaidBy)}
                  options={(Object.keys(PAID_BY_LABELS) as PaidBy[]).map((k) => ({
                    value: k,
                    label: PAID_BY_LABELS[k],
                  }))}
                />
              </Form.Item>
              <Form.Item label="备注">
                <Input
                  value={note}
                  maxLength={200}
                  placeholder="可填房号或客户称呼"
                  onChange={(e) => setNote(e.target.value)}
                />
              </Form.Item>
              {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
              <div className="toolbar" style={{ justifyContent: 'space-between' }}>
                <Statistic
                  title="应收金额"
                  value={estimate.valid ? formatFen(estimate.totalFen) : '—'}
                  data-testid="counter-estimate"
                />
                <Button type="primary" htmlType="submit" size="large" loading={saving} disabled={!estimate.valid}>
                  确认收款
                </Button>
              </div>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            variant="borderless"
            title="收款台账"
            data-testid="counter-ledger"
            extra={
              <DatePicker
                allowClear={false}
                value={dayjs(date)}
                disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
                onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
              />
            }
          >
            {ledger.error && !ledger.data ? (
              <ErrorState error={ledger.error} onRetry={ledger.reload} title="台账加载失败" />
            ) : (
              <>
                <Typography.Paragraph data-testid="ledger-summary">
                  {date} 共 <b>{ledger.data?.count ?? 0}</b> 笔，合计{' '}
                  <b className="money">{formatFen(ledger.data?.totalFen ?? 0)}</b>
                </Typography.Paragraph>
                <Table<ICounterSale>
                  rowKey="id"
                  size="small"
                  columns={columns}
                  dataSource={ledger.data?.entries ?? []}
                  loading={ledger.loading}
                  pagination={false}
                  locale={{ emptyText: ledger.loading ? ' ' : <Empty description="当日还没有收款记录" /> }}
                />
              </>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
