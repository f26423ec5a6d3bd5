import { TICKET_STATUS_LABELS, type IMergeCandidate, type ITicket } from '@app/shared';
import { Alert, App, Button, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { mergeCandidates, mergedTickets, mergeTicket } from '../../api/tickets';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { mergeSummary } from './merge-logic';
import { conflictMessage } from './ticket-logic';

/**
 * 合并重复报修: pick the ticket that handles the same problem (same house, or the project's public area; the
 * server offers only those), confirm, and the duplicate is cancelled as 已合并到 it.
 */
export function MergeTicketModal(props: {
  ticket: ITicket;
  onClose(): void;
  onDone(updated: ITicket): void;
  onConflict(): void;
}) {
  const { message, modal } = App.useApp();
  const [serial, setSerial] = useState('');
  const [targetId, setTargetId] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates = useAsync(
    () => mergeCandidates(props.ticket.id, serial.trim() || undefined),
    [props.ticket.id, serial],
  );
  const target = candidates.data?.find((c) => c.id === targetId) ?? null;

  async function submit() {
    if (!target) {
      setError('请选择要合并到的工单');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const updated = await mergeTicket(props.ticket.id, {
        targetId: target.id,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      message.success(`${props.ticket.serial} 已合并到 ${target.serial}`);
      props.onDone(updated);
    } catch (err) {
      setSaving(false);
      const conflict = conflictMessage(err);
      if (conflict) {
        modal.warning({ title: '无法合并', content: (err as Error).message || conflict });
        props.onConflict();
        return;
      }
      setError(describeError(err));
    }
  }

  return (
    <Modal
      open
      title={`合并重复报修 · ${props.ticket.serial}`}
      okText="确认合并"
      okButtonProps={{ danger: true, disabled: !target }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={props.onClose}
      destroyOnHidden
      data-testid="merge-modal"
    >
      <Typography.Paragraph type="secondary">
        只能合并到同一房屋（公共区域报修：同一项目的公共区域）尚未完结的同类工单。
      </Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="merge-error" />
      ) : null}
      <Form layout="vertical">
        <Form.Item label="合并到的工单" required>
          <Select
            showSearch={{ filterOption: false, onSearch: setSerial }}
            placeholder="输入工单号搜索"
            value={targetId ?? undefined}
            onChange={(v: number) => {
              setTargetId(v);
              setError(null);
            }}
            loading={candidates.loading}
            notFoundContent={candidates.loading ? '搜索中…' : '没有可合并的工单'}
            options={(candidates.data ?? []).map((c) => ({ value: c.id, label: candidateLabel(c) }))}
            data-testid="merge-target"
          />
        </Form.Item>
        <Form.Item label="合并说明（选填）">
          <Input.TextArea
            rows={2}
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="merge-reason"
          />
        </Form.Item>
      </Form>
      {target ? (
        <Alert type="warning" showIcon title={mergeSummary(props.ticket, target.serial)} data-testid="merge-summary" />
      ) : null}
    </Modal>
  );
}

function candidateLabel(c: IMergeCandidate): string {
  return `${c.serial} · ${TICKET_STATUS_LABELS[c.status]} · ${c.houseLabel ?? '公共区域'} · ${c.description.slice(0, 20)}`;
}

/** 已合并到 … on a merged duplicate; 合并的报修 on the ticket others were merged into. */
export function MergeSection({ ticket: t, onOpen }: { ticket: ITicket; onOpen(id: number): void }) {
  const merged = useAsync(() => mergedTickets(t.id), [t.id, t.version]);
  return (
    <>
      {t.mergedInto ? (
        <Alert
          type="info"
          showIcon
          data-testid="ticket-merged-into"
          title={
            <span>
              已合并到{' '}
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(t.mergedInto!.id)}>
                {t.mergedInto.serial}
              </Button>
              ，进度请在该工单查看
            </span>
          }
        />
      ) : null}
      {merged.data?.length ? (
        <div data-testid="ticket-merged-list">
          <Typography.Title level={5}>合并的报修</Typography.Title>
          <List
            size="small"
            bordered
            dataSource={merged.data}
            renderItem={(m) => (
              <List.Item key={m.id}>
                <Space wrap>
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(m.id)}>
                    {m.serial}
                  </Button>
                  <Typography.Text>{m.contactName ?? '—'}</Typography.Text>
                  <Typography.Text type="secondary">{m.description.slice(0, 30)}</Typography.Text>
                  {m.followerNotified ? <Tag color="blue">报修人同步接收进度</Tag> : <Tag>未关联住户账号</Tag>}
                  <Typography.Text type="secondary">{formatDateTime(m.mergedAt)} 合并</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </div>
      ) : null}
    </>
  );
}
