import { ArrowLeftOutlined } from '@ant-design/icons';
import { ErrorCode, type IPriceListVersion } from '@app/shared';
import { Alert, App, Badge, Button, Card, Descriptions, Skeleton, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import {
  approvePriceList,
  deleteEntry,
  getPriceList,
  listPriceLists,
  publishPriceList,
  returnPriceListToDraft,
  upsertCategory,
  upsertFeeItem,
  upsertMaterial,
} from '../../api/catalog';
import { useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { DiffPanel } from './DiffPanel';
import { FeeItemsPanel } from './FeeItemsPanel';
import { MaterialsPanel } from './MaterialsPanel';
import { KIND_LABELS, priceListErrorMessage, readOnlyReason, statusColor, statusLabel } from './price-logic';
import { VersionActions, type VersionAction } from './VersionActions';

const ACTION_DONE = { approve: '已审批通过，可以发布', return: '已退回草稿', publish: '已发布' } as const;

export default function PriceListEditorPage() {
  const { id } = useParams();
  return <Editor key={id} versionId={Number(id)} />;
}

function Editor({ versionId }: { versionId: number }) {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const detail = useAsync(() => getPriceList(versionId), [versionId]);
  const all = useAsync(() => listPriceLists(), []);
  const [tab, setTab] = useState('entries');
  const [busy, setBusy] = useState(false);
  // A refused action stays on screen until dismissed: a toast is too easy to miss for 403/409.
  const [refusal, setRefusal] = useState<string | null>(null);

  if (detail.error && !detail.data)
    return <ErrorState error={detail.error} onRetry={detail.reload} title="价目表加载失败" />;
  if (!detail.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const { version } = detail.data;
  const others = (all.data ?? []).filter((v) => v.kind === version.kind && v.id !== version.id);
  const lockedReason = readOnlyReason(version.status);

  /** Edits: a 409 means the version stopped being a draft under us — show why and refresh. */
  async function edit(work: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await work();
      setRefusal(null);
      message.success(done);
      detail.reload();
    } catch (error) {
      if (isApiError(error, ErrorCode.PriceListNotEditable) || isApiError(error, ErrorCode.StateConflict)) {
        setRefusal(priceListErrorMessage(error));
        detail.reload();
      }
      throw error;
    }
  }

  async function act(action: VersionAction): Promise<boolean> {
    setBusy(true);
    try {
      let updated: IPriceListVersion;
      if (action.kind === 'approve') updated = await approvePriceList(version.id);
      else if (action.kind === 'return') updated = await returnPriceListToDraft(version.id);
      else updated = await publishPriceList(version.id, action.effectiveFrom);
      setRefusal(null);
      message.success(`V${updated.versionNo} ${ACTION_DONE[action.kind]}`);
      detail.reload();
      all.reload();
      return true;
    } catch (error) {
      setRefusal(priceListErrorMessage(error));
      if (isApiError(error, ErrorCode.StateConflict)) detail.reload();
      return false;
    } finally {
      setBusy(false);
    }
  }

  const removeEntry = (code: string) =>
    edit(() => deleteEntry(version.id, code), `已删除 ${code}`).catch((error: unknown) => {
      message.error(priceListErrorMessage(error));
    });

  return (
    <div className="page" data-testid="price-list-editor">
      <PageHeader
        title={`${KIND_LABELS[version.kind]} V${version.versionNo}`}
        description={version.title}
        extra={
          <>
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate(`/price-lists${version.kind === 'materials' ? '?kind=materials' : ''}`)}
            >
              返回列表
            </Button>
            <VersionActions version={version} meId={me.id} busy={busy} onAction={act} />
          </>
        }
      />
      {refusal ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setRefusal(null)}
          title={refusal}
          data-testid="action-error"
        />
      ) : null}
      {lockedReason ? (
        <Alert type="info" showIcon title="只读" description={lockedReason} data-testid="read-only-banner" />
      ) : null}
      <Card variant="borderless" size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} data-testid="version-info">
          <Descriptions.Item label="状态">
            <Tag color={statusColor(version.status)} data-testid="version-status">
              {statusLabel(version.status)}
            </Tag>
            {version.inForce ? <Badge status="processing" text="执行中" /> : null}
          </Descriptions.Item>
          <Descriptions.Item label="生效时间">
            {version.effectiveFrom ? formatDateTime(version.effectiveFrom) : '未发布'}
          </Descriptions.Item>
          <Descriptions.Item label="条目数">{version.itemCount}</Descriptions.Item>
          <Descriptions.Item label="审批时间">
            {version.approvedAt ? formatDateTime(version.approvedAt) : '—'}
          </Descriptions.Item>
          {version.notes ? (
            <Descriptions.Item label="修订说明" span="filled">
              {version.notes}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Tabs
        destroyOnHidden
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'entries',
            label: version.kind === 'materials' ? '材料价格' : '收费项目',
            children:
              version.kind === 'materials' ? (
                <MaterialsPanel
                  materials={detail.data.materials}
                  editable={version.status === 'draft'}
                  onSave={(body) => edit(() => upsertMaterial(version.id, body), `已保存 ${body.code}`)}
                  onDelete={removeEntry}
                />
              ) : (
                <FeeItemsPanel
                  detail={detail.data}
                  editable={version.status === 'draft'}
                  onSaveItem={(body) => edit(() => upsertFeeItem(version.id, body), `已保存 ${body.code} ${body.name}`)}
                  onSaveCategory={(body) => edit(() => upsertCategory(version.id, body), `已添加分类 ${body.name}`)}
                  onDelete={removeEntry}
                />
              ),
          },
          {
            key: 'diff',
            label: '对比',
            // Remounted on every visit (destroyOnHidden), so it always compares the latest saved prices.
            children: all.data ? (
              <DiffPanel version={version} others={others} categories={detail.data.categories} />
            ) : (
              <Skeleton active />
            ),
          },
        ]}
      />
    </div>
  );
}
