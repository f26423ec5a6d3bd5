import { formatFen, type ICashierPaymentResult, type IPayableItem } from '@app/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Modal,
  Radio,
  Row,
  Space,
  Statistic,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { describeError, isApiError } from '../../api/api-error';
import { collectPayment, getPayables } from '../../api/payments';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import {
  DESK_METHODS,
  buildCollectRequest,
  dueFen,
  itemKey,
  newIdempotencyKey,
  oldestFirst,
  previewAllocation,
  tenderedFen,
  type Allocation,
  type TenderDraft,
} from './cashier-logic';
import { HouseFinder, type FoundHouse } from './HouseFinder';
import { ReceiptCard } from './ReceiptCard';
import { TenderEditor } from './TenderEditor';

const firstTender = (): TenderDraft => ({ key: 1, method: 'cash', amount: '', reference: '', authCode: '' });

export default function CashierPage() {
  const project = useSelectedProject();
  return <Desk key={project.id} />;
}

function Desk() {
  const project = useSelectedProject();
  const [house, setHouse] = useState<FoundHouse | null>(null);
  return (
    <div className="page" data-testid="cashier-page">
      <PageHeader
        title="收银台"
        description={`${project.name} · 按房号或手机号找到房屋，收取账单与特约服务费；可多种方式组合、可部分收款，按时间顺序先冲抵最早的欠费。`}
      />
      <Card variant="borderless" title="查找房屋" style={{ marginBottom: 16 }}>
        <HouseFinder projectId={project.id} onPick={setHouse} />
      </Card>
      {house ? (
        <HouseDesk key={house.id} house={house} />
      ) : (
        <Empty description="请先按房号或手机号查找房屋" data-testid="no-house" />
      )}
    </div>
  );
}

function HouseDesk({ house }: { house: FoundHouse }) {
  const { message } = App.useApp();
  const payables = useAsync(() => getPayables(house.id), [house.id]);
  const [allocation, setAllocation] = useState<Allocation>('oldest');
  const [chosenKeys, setChosenKeys] = useState<string[]>([]);
  const [tenders, setTenders] = useState<TenderDraft[]>([firstTender()]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<ICashierPaymentResult | null>(null);
  // One key per collection, kept across retries of the same submit (a lost answer must not charge twice).
  const key = useRef(newIdempotencyKey());

  const items = useMemo(() => oldestFirst(payables.data?.items ?? []), [payables.data]);
  const prepayBalanceFen = payables.data?.prepayBalanceFen ?? 0;
  const draft = { houseId: house.id, items, allocation, chosenKeys, tenders, prepayBalanceFen };
  const due = dueFen(draft);
  const tendered = tenderedFen(tenders);
  const scope = allocation === 'oldest' ? items : items.filter((i) => chosenKeys.includes(itemKey(i)));
  const preview = previewAllocation(scope, Math.min(tendered, due));

  async function submit() {
    const built = buildCollectRequest(draft, key.current);
    if (!built.ok) return setError(built.message);
    setError(null);
    setSaving(true);
    try {
      const answer = await collectPayment(built.request);
      setResult(answer);
      message.success(`已开具收据 ${answer.receipt.number}`);
      key.current = newIdempotencyKey();
      setTenders([firstTender()]);
      setChosenKeys([]);
      payables.reload();
    } catch (err) {
      // A refusal (422, also a 付款码 the server reversed) wrote nothing: the next submit is a new collection with a new
      // 付款码 order. Anything else (lost answer, reverse not confirmed, conflict) keeps the key, so resubmitting can
      // never charge twice.
      if (isApiError(err) && err.status === 422) key.current = newIdempotencyKey();
      setError(describeError(err, '收款失败，请稍后重试'));
    } finally {
      setSaving(false);
    }
  }

  const columns: TableColumnsType<IPayableItem> = [
    {
      title: '项目',
      dataIndex: 'title',
      render: (t: string, i) => (i.ticketSerial && !t.includes(i.ticketSerial) ? `${t}（${i.ticketSerial}）` : t),
    },
    { title: '应缴日', key: 'due', width: 104, render: (_, i) => formatDateTime(i.dueSince).slice(0, 10) },
    {
      title: '金额',
      key: 'total',
      width: 100,
      align: 'right',
      render: (_, i) => <span className="money">{formatFen(i.totalFen)}</span>,
    },
    {
      title: '已缴',
      key: 'paid',
      width: 100,
      align: 'right',
      render: (_, i) => <span className="money">{formatFen(i.paidFen)}</span>,
    },
    {
      title: '待缴',
      key: 'bal',
      width: 130,
      align: 'right',
      render: (_, i) => {
        // Offline payments waiting for approval already reserve part of the balance.
        const pendingFen = i.totalFen - i.paidFen - i.balanceFen;
        return (
          <>
            <b className="money">{formatFen(i.balanceFen)}</b>
            {pendingFen > 0 ? (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="pending-note">
                  待复核 {formatFen(pendingFen)}
                </Typography.Text>
              </div>
            ) : null}
          </>
        );
      },
    },
    {
      title: '本次冲抵',
      key: 'apply',
      width: 100,
      align: 'right',
      render: (_, i) => (
        <span className="money" data-testid="apply-preview">
          {preview.has(itemKey(i)) ? formatFen(preview.get(itemKey(i)) ?? 0) : '—'}
        </span>
      ),
    },
  ];

  if (payables.error && !payables.data)
    return <ErrorState error={payables.error} onRetry={payables.reload} title="待缴项目加载失败" />;
  return (
    <Row gutter={16} align="top">
      <Col xs={24} xl={14}>
        <Card
          variant="borderless"
          title={`${house.label} · 待缴项目`}
          data-testid="payables"
          extra={
            <Space size={24}>
              <Statistic title="预存余额" value={formatFen(prepayBalanceFen)} data-testid="prepay-balance" />
              <Statistic title="待缴合计" value={formatFen(payables.data?.totalBalanceFen ?? 0)} />
            </Space>
          }
        >
          <Radio.Group
            style={{ marginBottom: 12 }}
            optionType="button"
            value={allocation}
            onChange={(e) => setAllocation(e.target.value as Allocation)}
            options={[
              { value: 'oldest', label: '按时间顺序' },
              { value: 'chosen', label: '选择项目' },
            ]}
            data-testid="allocation-mode"
          />
          <Table<IPayableItem>
            rowKey={itemKey}
            size="small"
            columns={columns}
            dataSource={items}
            loading={payables.loading}
            pagination={false}
            rowSelection={
              allocation === 'chosen'
                ? {
                    selectedRowKeys: chosenKeys,
                    onChange: (keys) => setChosenKeys(keys.map(String)),
                    getCheckboxProps: (i) => ({ disabled: i.balanceFen === 0 }),
                  }
                : undefined
            }
            locale={{ emptyText: payables.loading ? ' ' : <Empty description="该房屋没有待缴项目" /> }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card variant="borderless" title="收款" data-testid="collect-form">
          <TenderEditor
            tenders={tenders}
            methods={DESK_METHODS}
            prepayBalanceFen={prepayBalanceFen}
            onChange={setTenders}
          />
          <Space size={32} style={{ margin: '16px 0' }}>
            <Statistic title="应收" value={formatFen(due)} data-testid="due-total" />
            <Statistic title="实收合计" value={formatFen(tendered)} data-testid="tendered-total" />
            <Statistic title="收后仍欠" value={formatFen(Math.max(due - tendered, 0))} data-testid="remaining" />
          </Space>
          <Typography.Paragraph type="secondary">
            现金、转账、POS
            收款须由第二人复核后计入账单；付款码、预存抵扣即时确认。付款码在限定时间内未确认或结果不明时，
            系统会自动撤销该笔交易（住户不会被扣款），请让住户刷新付款码后重新收款。
          </Typography.Paragraph>
          {error ? (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="collect-error" />
          ) : null}
          <Button
            type="primary"
            size="large"
            block
            loading={saving}
            disabled={!items.length}
            onClick={submit}
            data-testid="collect-submit"
          >
            确认收款并开具收据
          </Button>
        </Card>
      </Col>
      <Modal
        open={!!result}
        title="收款完成"
        footer={null}
        width={720}
        onCancel={() => setResult(null)}
        destroyOnHidden
      >
        {result ? (
          <ReceiptCard
            receipt={result.receipt}
            onPrinted={() =>
              setResult({ ...result, receipt: { ...result.receipt, printCount: result.receipt.printCount + 1 } })
            }
          />
        ) : null}
      </Modal>
    </Row>
  );
}
