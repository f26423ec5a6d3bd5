import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { PriceListKind, type IPriceListVersion } from '@app/shared';
import { Badge, Button, Card, Empty, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { listPriceLists } from '../../api/catalog';
import { useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { CreateVersionModal } from './CreateVersionModal';
import { editorCompanyId, KIND_LABELS, statusColor, statusLabel } from './price-logic';

export default function PriceListsPage() {
  const me = useMe();
  const navigate = useNavigate();
  // The tab lives in the URL so "back" from a version returns to the same list.
  const [params, setParams] = useSearchParams();
  const kind: PriceListKind = params.get('kind') === 'materials' ? 'materials' : 'fee_schedule';
  const versions = useAsync(() => listPriceLists(kind), [kind]);
  const [creating, setCreating] = useState(false);
  const list = versions.data ?? [];
  const companyId = editorCompanyId(me.roles, list);

  const columns: TableColumnsType<IPriceListVersion> = [
    {
      title: '版本号',
      key: 'versionNo',
      width: 150,
      render: (_, v) => (
        <Space size={8}>
          <Typography.Text strong>V{v.versionNo}</Typography.Text>
          {v.inForce ? <Badge status="processing" text="执行中" data-testid="in-force" /> : null}
        </Space>
      ),
    },
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, v) => <a onClick={() => navigate(`/price-lists/${v.id}`)}>{title}</a>,
    },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_, v) => <Tag color={statusColor(v.status)}>{statusLabel(v.status)}</Tag>,
    },
    {
      title: '生效时间',
      key: 'effectiveFrom',
      width: 180,
      render: (_, v) =>
        v.effectiveFrom ? formatDateTime(v.effectiveFrom) : <Typography.Text type="secondary">未发布</Typography.Text>,
    },
    { title: '条目数', dataIndex: 'itemCount', width: 90, align: 'right' },
    {
      title: '适用范围',
      key: 'scope',
      width: 110,
      render: (_, v) => (v.regionId ? '区域版本' : '全公司'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, v) => (
        <Button size="small" onClick={() => navigate(`/price-lists/${v.id}`)}>
          {v.status === 'draft' ? '编辑' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <div className="page" data-testid="price-lists-page">
      <PageHeader
        title="价目表管理"
        description="品质管理中心与财务中心起草价目表，由起草人以外的人员审批后发布公示。已发布的版本不可修改，调价请新建版本；历史报价按原价格。"
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={versions.reload}>
              刷新
            </Button>
            <Button type="primary" icon={<PlusOutlined />} disabled={!companyId} onClick={() => setCreating(true)}>
              新建版本
            </Button>
          </>
        }
      />
      <Card variant="borderless">
        <Tabs
          activeKey={kind}
          onChange={(key) => setParams(key === 'materials' ? { kind: key } : {}, { replace: true })}
          items={(Object.keys(KIND_LABELS) as PriceListKind[]).map((key) => ({ key, label: KIND_LABELS[key] }))}
        />
        {versions.error && !versions.data ? (
          <ErrorState error={versions.error} onRetry={versions.reload} title="价目表加载失败" />
        ) : (
          <Table<IPriceListVersion>
            rowKey="id"
            size="middle"
            data-testid="versions-table"
            columns={columns}
            dataSource={list}
            loading={versions.loading}
            pagination={false}
            onRow={(v) => ({ onDoubleClick: () => navigate(`/price-lists/${v.id}`) })}
            locale={{
              emptyText: versions.loading ? ' ' : <Empty description="还没有任何版本，点击「新建版本」开始起草" />,
            }}
          />
        )}
      </Card>
      {creating && companyId ? (
        <CreateVersionModal
          kind={kind}
          companyId={companyId}
          versions={list}
          onClose={() => setCreating(false)}
          onCreated={(v) => navigate(`/price-lists/${v.id}`)}
        />
      ) : null}
    </div>
  );
}
