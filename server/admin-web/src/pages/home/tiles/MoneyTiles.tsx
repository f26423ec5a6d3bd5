import {
  InvoiceStatus,
  OFFLINE_TENDER_METHODS,
  Permission,
  RefundStatus,
  formatFen,
  roleCan,
  shanghaiDate,
  type Role,
} from '@app/shared';
import { Card, Col, Empty, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { getCashOutstanding } from '../../../api/charges';
import { listPendingApprovals, listRefunds } from '../../../api/payments';
import { listInvoiceRequests } from '../../../api/prepay';
import { canOpen, pageByKey } from '../../../layout/access';
import { useAsync, type AsyncState } from '../../../lib/use-async';
import { CollectionRateCard } from './CollectionRateCard';
import { paymentsOn, pendingAmountText, summarizeCollections, type CollectionsSummary } from './money-logic';
import { StatTile, TileError, TileLink } from './StatTile';

/** Whether the person's desk is money: they take, approve or invoice payments in this project. */
export function hasMoneyDesk(roles: readonly Role[]): boolean {
  return (
    canOpen(pageByKey('cashier'), roles) ||
    canOpen(pageByKey('payment-approvals'), roles) ||
    canOpen(pageByKey('invoices'), roles) ||
    roleCan(roles, Permission.RefundApprove)
  );
}

/** 收银与财务: today's money and what waits for this person; each tile only for whoever may act on it. */
export function MoneyTiles({ projectId, roles }: { projectId: number; roles: readonly Role[] }) {
  const today = useMemo(() => shanghaiDate(new Date()), []);
  const may = {
    payments: canOpen(pageByKey('payments'), roles),
    approve: canOpen(pageByKey('payment-approvals'), roles),
    approveRefunds: roleCan(roles, Permission.RefundApprove) && canOpen(pageByKey('refunds'), roles),
    handBack: canOpen(pageByKey('cashier'), roles) && canOpen(pageByKey('refunds'), roles),
    invoices: canOpen(pageByKey('invoices'), roles),
    cash: canOpen(pageByKey('cash'), roles),
    rate: canOpen(pageByKey('collection-rate'), roles),
  };
  const collections = useAsync(
    () => (may.payments ? paymentsOn(projectId, today).then(summarizeCollections) : Promise.resolve(null)),
    [projectId, today, may.payments],
  );
  const approvals = useAsync(
    () => (may.payments ? listPendingApprovals(projectId) : Promise.resolve(null)),
    [projectId, may.payments],
  );
  const refunds = useAsync(
    () =>
      may.approveRefunds
        ? listRefunds({ projectId, status: RefundStatus.Requested, pageSize: 200 })
        : Promise.resolve(null),
    [projectId, may.approveRefunds],
  );
  // Approved cash and transfer refunds wait for the cashier to hand the money back; WeChat ones settle themselves.
  const handBacks = useAsync(
    () =>
      may.handBack
        ? listRefunds({ projectId, status: RefundStatus.Approved, pageSize: 200 }).then((p) =>
            p.items.filter((r) => OFFLINE_TENDER_METHODS.includes(r.method)),
          )
        : Promise.resolve(null),
    [projectId, may.handBack],
  );
  const invoices = useAsync(
    () => (may.invoices ? listInvoiceRequests(projectId, InvoiceStatus.Requested, 1, 1) : Promise.resolve(null)),
    [projectId, may.invoices],
  );
  const cash = useAsync(
    () => (may.cash ? getCashOutstanding(projectId) : Promise.resolve(null)),
    [projectId, may.cash],
  );

  const small = [
    may.payments && (
      <StatTile
        key="approvals"
        testId="tile-approvals"
        title={may.approve ? '待复核线下收款' : '待他人复核的线下收款'}
        state={approvals}
        value={(list) => list?.length ?? 0}
        suffix="笔"
        urgent={(list) => may.approve && (list?.length ?? 0) > 0}
        emptyHint={(list) => (list?.length ? `合计 ${pendingAmountText(list)}` : '没有待复核的收款')}
        link={may.approve ? { to: '/payments/approvals', label: '去复核' } : { to: '/payments', label: '查看收款记录' }}
      />
    ),
    may.approveRefunds && (
      <StatTile
        key="refunds"
        testId="tile-refunds"
        title="待审批退款"
        state={refunds}
        value={(page) => page?.total ?? 0}
        suffix="笔"
        urgent={(page) => (page?.total ?? 0) > 0}
        emptyHint={(page) => (page?.total ? `合计 ${pendingAmountText(page.items)}` : '没有待审批的退款')}
        link={{ to: '/payments/refunds', label: '去审批' }}
      />
    ),
    may.handBack && (
      <StatTile
        key="hand-back"
        testId="tile-hand-back"
        title="待退还现金/转账"
        state={handBacks}
        value={(list) => list?.length ?? 0}
        suffix="笔"
        urgent={(list) => (list?.length ?? 0) > 0}
        emptyHint={(list) => (list?.length ? `合计 ${pendingAmountText(list)}` : '没有已批准待退还的款项')}
        link={{ to: '/payments/refunds', label: '去办理退款' }}
      />
    ),
    may.invoices && (
      <StatTile
        key="invoices"
        testId="tile-invoices"
        title="待开发票"
        state={invoices}
        value={(page) => page?.total ?? 0}
        suffix="张"
        urgent={(page) => (page?.total ?? 0) > 0}
        emptyHint={(page) => (page?.total ? null : '没有待处理的开票申请')}
        link={{ to: '/invoices', label: '去开票' }}
      />
    ),
    may.cash && (
      <StatTile
        key="cash"
        testId="tile-cash"
        title="师傅现金待交款"
        state={cash}
        value={(c) => formatFen(c?.totalFen ?? 0)}
        emptyHint={(c) => (c?.entries.length ? `${c.entries.length} 笔现场收款` : '师傅手上没有待交的现金')}
        link={{ to: '/cash', label: '去收交款' }}
      />
    ),
  ].filter(Boolean);

  return (
    <>
      <Row gutter={[16, 16]}>
        {may.payments ? (
          <Col xs={24} lg={may.rate ? 12 : 24}>
            <CollectionsCard state={collections} />
          </Col>
        ) : null}
        {may.rate ? (
          <Col xs={24} lg={12}>
            <CollectionRateCard projectId={projectId} />
          </Col>
        ) : null}
      </Row>
      {small.length > 0 ? (
        <Row gutter={[16, 16]}>
          {small.map((tile, i) => (
            <Col key={i} xs={24} sm={12} xl={small.length >= 4 ? 6 : 24 / small.length}>
              {tile}
            </Col>
          ))}
        </Row>
      ) : null}
    </>
  );
}

function CollectionsCard({ state }: { state: AsyncState<CollectionsSummary | null> }) {
  const data = state.data;
  return (
    <Card variant="borderless" title="今日收款" style={{ height: '100%' }} data-testid="tile-collections">
      {state.error && data === undefined ? <TileError error={state.error} onRetry={state.reload} /> : null}
      {!state.error && data === undefined ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {data ? (
        <>
          <Row gutter={16}>
            <Col span={14}>
              <Statistic title="已入账金额" value={data.totalText} styles={{ content: { color: '#1668dc' } }} />
            </Col>
            <Col span={10}>
              <Statistic title="笔数" value={data.count} suffix="笔" />
            </Col>
          </Row>
          {data.count === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description="今天还没有入账的收款"
              style={{ margin: '8px 0' }}
            />
          ) : (
            <div style={{ marginTop: 12 }} data-testid="collections-by-method">
              {data.byMethod.map((m) => (
                <div key={m.method} style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 0' }}>
                  <span>
                    <Tag color="blue">{m.label}</Tag>
                    <Typography.Text type="secondary">{m.count} 笔</Typography.Text>
                  </span>
                  <Typography.Text strong>{m.amountText}</Typography.Text>
                </div>
              ))}
            </div>
          )}
        </>
      ) : null}
      <TileLink to="/payments/handover" label="查看交班汇总" />
    </Card>
  );
}
