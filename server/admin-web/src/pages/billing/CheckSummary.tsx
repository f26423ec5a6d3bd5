import { formatFen, type IBillRunCheck } from '@app/shared';
import { Alert, Card, Col, Collapse, Row, Statistic, Table, Typography } from 'antd';
import { idColumn } from '../../components/id-column';
import { changeText } from './billing-logic';

/** What finance checks before publishing: counts, totals, last month, and the lists that need a look. */
export function CheckSummary({ check }: { check: IBillRunCheck }) {
  const totalChange = changeText(check.totalFen, check.previousTotalFen);
  const countChange = check.previousBillCount === null ? null : check.billCount - check.previousBillCount;
  const attention = check.unconfirmedCharges.length + check.unusual.length + check.missingReadings.length;

  const lists = [
    {
      key: 'unconfirmed',
      label: `未确认的特约服务费（${check.unconfirmedCharges.length}，不入本月账单）`,
      children: (
        <Table
          rowKey="chargeId"
          size="small"
          pagination={check.unconfirmedCharges.length > 10 ? { pageSize: 10 } : false}
          dataSource={check.unconfirmedCharges}
          columns={[
            { title: '房屋', dataIndex: 'houseLabel' },
            idColumn<IBillRunCheck['unconfirmedCharges'][number]>('工单号', 'ticketSerial', { empty: () => '—' }),
            {
              title: '金额',
              dataIndex: 'totalFen',
              align: 'right',
              render: (v: number) => <span className="money">{formatFen(v)}</span>,
            },
          ]}
        />
      ),
    },
    {
      key: 'unusual',
      label: `金额变化较大的房屋（${check.unusual.length}）`,
      children: (
        <Table
          rowKey="houseId"
          size="small"
          pagination={check.unusual.length > 10 ? { pageSize: 10 } : false}
          dataSource={check.unusual}
          columns={[
            { title: '房屋', dataIndex: 'houseLabel' },
            {
              title: '上月',
              dataIndex: 'previousFen',
              align: 'right',
              render: (v: number) => <span className="money">{formatFen(v)}</span>,
            },
            {
              title: '本月',
              dataIndex: 'currentFen',
              align: 'right',
              render: (v: number) => <span className="money">{formatFen(v)}</span>,
            },
            { title: '变化', key: 'change', align: 'right', render: (_, r) => changeText(r.currentFen, r.previousFen) },
          ]}
        />
      ),
    },
    {
      key: 'missing',
      label: `缺少抄表读数（${check.missingReadings.length}）`,
      children: (
        <Table
          rowKey={(r) => `${r.houseId}-${r.itemCode}`}
          size="small"
          pagination={check.missingReadings.length > 10 ? { pageSize: 10 } : false}
          dataSource={check.missingReadings}
          columns={[
            { title: '房屋', dataIndex: 'houseLabel' },
            { title: '收费项目', dataIndex: 'itemCode' },
          ]}
        />
      ),
    },
  ].filter((l) => !l.label.includes('（0'));

  return (
    <Card size="small" title="核对信息" data-testid="check-summary">
      <Row gutter={24}>
        <Col span={6}>
          <Statistic title="账单数" value={check.billCount} suffix="户" />
          <Typography.Text type="secondary">
            {countChange === null
              ? '上月无账单'
              : `上月 ${check.previousBillCount} 户（${countChange >= 0 ? '+' : ''}${countChange}）`}
          </Typography.Text>
        </Col>
        <Col span={6}>
          <Statistic title="账单总额" value={formatFen(check.totalFen)} />
          <Typography.Text type="secondary" data-testid="total-change">
            {totalChange === null ? '上月无账单' : `上月 ${formatFen(check.previousTotalFen ?? 0)}，${totalChange}`}
          </Typography.Text>
        </Col>
        <Col span={6}>
          <Statistic title="入账特约服务费" value={formatFen(check.chargeTotalFen)} />
          <Typography.Text type="secondary">{check.chargeCount} 笔</Typography.Text>
        </Col>
        <Col span={6}>
          <Statistic title="需关注" value={attention} suffix="项" />
        </Col>
      </Row>
      {lists.length > 0 ? (
        <Collapse
          style={{ marginTop: 16 }}
          items={lists}
          defaultActiveKey={lists.map((l) => l.key)}
          data-testid="check-lists"
        />
      ) : (
        <Alert style={{ marginTop: 16 }} type="success" showIcon title="没有未确认费用、异常变化或缺少的读数" />
      )}
    </Card>
  );
}
