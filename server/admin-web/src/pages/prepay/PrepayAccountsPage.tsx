import { ReloadOutlined } from '@ant-design/icons';
import { PREPAY_ENTRY_KIND_LABELS, formatFen, type IPrepayLedgerEntry, type PrepayEntryKind } from '@app/shared';
import { Button, Card, Descriptions, Empty, Form, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { getPrepayAccount, listPrepayLedger } from '../../api/prepay';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { HouseSelect } from '../billing/HouseSelect';

const KIND_COLORS: Record<PrepayEntryKind, string> = {
  topup: 'blue',
  offer_bonus: 'magenta',
  settle: 'green',
  refund: 'orange',
};
const PAGE_SIZE = 20;

export default function PrepayAccountsPage() {
  const project = useSelectedProject();
  return <PrepayAccountsView key={project.id} />;
}

/** 预存账户: find a house, see its balance and every movement (top-ups, offer bonuses, bills settled, refunds). */
function PrepayAccountsView() {
  const project = useSelectedProject();
  const [houseId, setHouseId] = useState<number | undefined>();
  return (
    <div className="page" data-testid="prepay-accounts-page">
      <PageHeader
        title="预存账户"
        description={`${project.name} · 住户预存的余额在账单发布后自动按账期从早到晚抵扣；每一笔变动都记入流水。`}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label="房屋" style={{ minWidth: 320 }}>
            <HouseSelect projectId={project.id} value={houseId} onChange={setHouseId} />
          </Form.Item>
        </Form>
      </Card>
      {houseId ? (
        <AccountPanel key={houseId} houseId={houseId} />
      ) : (
        <Card variant="borderless">
          <Empty description="请选择房屋查看预存余额与流水" />
        </Card>
      )}
    </div>
  );
}

function AccountPanel({ houseId }: { houseId: number }) {
  const [page, setPage] = useState(1);
  const account = useAsync(() => getPrepayAccount(houseId), [houseId]);
  const ledger = useAsync(() => listPrepayLedger(houseId, page, PAGE_SIZE), [houseId, page]);
  const reload = () => {
    account.reload();
    ledger.reload();
  };

  const columns: TableColumnsType<IPrepayLedgerEntry> = [
    { title: '时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 110,
      render: (k: PrepayEntryKind) => <Tag color={KIND_COLORS[k]}>{PREPAY_ENTRY_KIND_LABELS[k]}</Tag>,
    },
    {
      title: '金额',
      dataIndex: 'amountFen',
      width: 130,
      align: 'right',
      render: (v: number) => (
        <Typography.Text type={v < 0 ? 'danger' : 'success'}>
          {v > 0 ? '+' : ''}
          {formatFen(v)}
        </Typography.Text>
      ),
    },
    { title: '余额', dataIndex: 'balanceAfterFen', width: 130, align: 'right', render: (v: number) => formatFen(v) },
    { title: '说明', dataIndex: 'note' },
  ];

  if (account.error && !account.data)
    return <ErrorState error={account.error} onRetry={reload} title="预存账户加载失败" />;
  return (
    <Card
      variant="borderless"
      title={account.data?.houseLabel ?? ' '}
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      }
      loading={account.loading && !account.data}
    >
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="预存余额">
          <Typography.Text strong data-testid="prepay-balance">
            {formatFen(account.data?.balanceFen ?? 0)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="最近变动">
          {account.data?.updatedAt ? formatDateTime(account.data.updatedAt) : '暂无'}
        </Descriptions.Item>
      </Descriptions>
      {ledger.error && !ledger.data ? (
        <ErrorState error={ledger.error} onRetry={ledger.reload} title="流水加载失败" />
      ) : (
        <Table<IPrepayLedgerEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={ledger.data?.items ?? []}
          loading={ledger.loading}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: ledger.data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
          locale={{ emptyText: ledger.loading ? ' ' : <Empty description="该房屋还没有预存记录" /> }}
        />
      )}
    </Card>
  );
}
