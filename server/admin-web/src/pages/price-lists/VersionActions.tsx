import { CheckOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import type { IPriceListVersion } from '@app/shared';
import { Alert, Button, DatePicker, Modal, Popconfirm, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { publishTime, versionActions } from './price-logic';

export type VersionAction =
  { kind: 'approve' } | { kind: 'return' } | { kind: 'publish'; effectiveFrom: string | undefined };

/** The buttons a version's status allows: draft → 审批通过; approved → 退回草稿 / 发布. */
export function VersionActions(props: {
  version: IPriceListVersion;
  meId: number;
  busy: boolean;
  onAction(action: VersionAction): Promise<boolean>;
}) {
  const { version, meId, busy, onAction } = props;
  const actions = versionActions(version, meId);
  const [publishing, setPublishing] = useState(false);

  return (
    <Space wrap>
      {version.status === 'draft' ? (
        <>
          {actions.approveHint ? (
            <Typography.Text type="secondary" data-testid="approve-hint">
              {actions.approveHint}
            </Typography.Text>
          ) : null}
          <Popconfirm
            title="审批通过？"
            description="审批后内容锁定，发布后对住户公示。"
            okText="审批通过"
            cancelText="取消"
            disabled={!actions.canApprove}
            onConfirm={() => onAction({ kind: 'approve' })}
          >
            <Button type="primary" icon={<CheckOutlined />} disabled={!actions.canApprove} loading={busy}>
              审批通过
            </Button>
          </Popconfirm>
        </>
      ) : null}
      {actions.canReturnToDraft ? (
        <Popconfirm
          title="退回草稿？"
          description="退回后可继续修改，需重新审批。"
          okText="退回草稿"
          cancelText="取消"
          onConfirm={() => onAction({ kind: 'return' })}
        >
          <Button icon={<RollbackOutlined />} loading={busy}>
            退回草稿
          </Button>
        </Popconfirm>
      ) : null}
      {actions.canPublish ? (
        <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => setPublishing(true)}>
          发布
        </Button>
      ) : null}
      {publishing ? (
        <PublishModal
          version={version}
          onClose={() => setPublishing(false)}
          onPublish={async (effectiveFrom) => {
            if (await onAction({ kind: 'publish', effectiveFrom })) setPublishing(false);
          }}
        />
      ) : null}
    </Space>
  );
}

function PublishModal(props: {
  version: IPriceListVersion;
  onClose(): void;
  onPublish(effectiveFrom: string | undefined): Promise<void>;
}) {
  const [at, setAt] = useState<Dayjs | null>(() => dayjs());
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function confirm() {
    const chosen = publishTime(at ? at.toDate() : null);
    if (!chosen.ok) {
      setError(chosen.message);
      return;
    }
    setSaving(true);
    await props.onPublish(chosen.effectiveFrom);
    setSaving(false);
  }

  return (
    <Modal
      open
      title={`发布 V${props.version.versionNo} · ${props.version.title}`}
      okText="确认发布"
      cancelText="取消"
      confirmLoading={saving}
      onOk={confirm}
      onCancel={props.onClose}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="发布后不可修改，历史报价按原价格"
        description="到生效时间后，新报价一律按本版本计价并对住户公示；此前已确认的报价和费用保持原价格不变。"
      />
      <div style={{ marginBottom: 8 }}>生效时间（北京时间）</div>
      <DatePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        value={at}
        onChange={(value) => {
          setAt(value);
          setError(null);
        }}
        disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
        style={{ width: 240 }}
        data-testid="publish-at"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        默认立即生效；也可选择将来的时间，届时自动切换。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} /> : null}
    </Modal>
  );
}
