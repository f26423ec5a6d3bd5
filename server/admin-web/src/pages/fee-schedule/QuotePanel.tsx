import { CalculatorOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { formatFen, formatQuantity, type IPricedQuote, type IPublicFeeSchedule, type IQuoteLine } from '@app/shared';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Input,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { previewQuote } from '../../api/catalog';
import { describeError } from '../../api/api-error';
import { buildQuoteRequest, scheduleOptions, unitOf, type QuoteDraftRow } from './quote-logic';

const KIND_LABEL: Record<IQuoteLine['kind'], string> = { labour: '人工', call_out: '上门', material: '材料' };

/** 报价试算: prices a quote from the schedule in force, exactly as a technician's quote would be. */
export function QuotePanel({ projectId, schedule }: { projectId: number; schedule: IPublicFeeSchedule | undefined }) {
  const [rows, setRows] = useState<QuoteDraftRow[]>([{ key: 1, code: null, quantity: '1' }]);
  const [quote, setQuote] = useState<IPricedQuote | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pricing, setPricing] = useState(false);
  const options = scheduleOptions(schedule, formatFen);

  const update = (key: number, patch: Partial<QuoteDraftRow>) => {
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setQuote(null);
  };

  async function price() {
    const built = buildQuoteRequest(projectId, rows);
    if (!built.ok) {
      setError(built.message);
      return;
    }
    setPricing(true);
    setError(null);
    try {
      setQuote(await previewQuote(built.request));
    } catch (err) {
      setError(describeError(err, '试算失败，请稍后重试'));
    } finally {
      setPricing(false);
    }
  }

  const columns: TableColumnsType<IQuoteLine> = [
    {
      title: '项目',
      key: 'name',
      render: (_, l) => (
        <span>
          {l.name}
          <Typography.Text type="secondary"> · {KIND_LABEL[l.kind]}</Typography.Text>
        </span>
      ),
    },
    { title: '单价', key: 'unit', align: 'right', render: (_, l) => `${formatFen(l.unitPriceFen)}/${l.unit}` },
    { title: '数量', key: 'qty', align: 'right', width: 70, render: (_, l) => formatQuantity(l.quantityMilli) },
    {
      title: '金额',
      key: 'amount',
      align: 'right',
      render: (_, l) => <span className="money">{formatFen(l.amountFen)}</span>,
    },
  ];

  return (
    <Card
      title={
        <span>
          <CalculatorOutlined /> 报价试算
        </span>
      }
      variant="borderless"
      data-testid="quote-panel"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {rows.map((row) => (
          <Space.Compact key={row.key} block>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择收费项目"
              style={{ flex: 1, minWidth: 0 }}
              value={row.code}
              options={options}
              onChange={(code: string) => update(row.key, { code })}
              data-testid="quote-item"
            />
            <Input
              style={{ width: 110 }}
              value={row.quantity}
              inputMode="decimal"
              suffix={unitOf(schedule, row.code)}
              aria-label="数量"
              onChange={(e) => update(row.key, { quantity: e.target.value })}
            />
            <Button
              icon={<DeleteOutlined />}
              aria-label="移除"
              disabled={rows.length === 1}
              onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}
            />
          </Space.Compact>
        ))}
        <Space>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setRows((list) => [...list, { key: Math.max(...list.map((r) => r.key)) + 1, code: null, quantity: '1' }])
            }
          >
            添加项目
          </Button>
          <Button type="primary" loading={pricing} onClick={price} data-testid="quote-run">
            试算
          </Button>
        </Space>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {quote ? (
          <>
            <Table<IQuoteLine>
              rowKey={(l) => `${l.kind}:${l.code}`}
              size="small"
              columns={columns}
              dataSource={quote.lines}
              pagination={false}
            />
            <Descriptions size="small" column={1} bordered data-testid="quote-total">
              <Descriptions.Item label="人工费">{formatFen(quote.labourFen)}</Descriptions.Item>
              <Descriptions.Item label="上门费">{formatFen(quote.callOutFen)}</Descriptions.Item>
              <Descriptions.Item label="合计">
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {formatFen(quote.totalFen)}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              按
              {quote.scheduleVersionId === schedule?.versionId
                ? `收费标准 V${schedule.versionNo}`
                : '当前执行的收费标准'}
              计价；材料默认由住户自备，物业提供的材料另按材料价格表计价。
            </Typography.Text>
          </>
        ) : null}
      </Space>
    </Card>
  );
}
