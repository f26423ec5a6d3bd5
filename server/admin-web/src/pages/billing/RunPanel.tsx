import { CheckCircleOutlined, SendOutlined } from '@ant-design/icons';
import { BILL_RUN_STATUS_LABELS, Permission, roleCan, type IBillRun } from '@app/shared';
import { Alert, App, Button, Descriptions, Popconfirm, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { checkRun, publishRun } from '../../api/billing';
import { useProject } from '../../layout/project-context';
import { formatDateTime } from '../../lib/time';
import { periodLabel, runErrorMessage, runProgress } from './billing-logic';
import { CheckSummary } from './CheckSummary';
import { useRunPolling } from './use-run-polling';

export const RUN_STATUS_COLORS: Record<IBillRun['status'], string> = {
  running: 'processing',
  draft: 'gold',
  checked: 'blue',
  published: 'green',
  failed: 'red',
};

/** One run: live progress while it works, then the check summary and the 核对 → 发布 steps. */
export function RunPanel({ run: initial, onChanged }: { run: IBillRun; onChanged(run: IBillRun): void }) {
  const { message } = App.useApp();
  const mayRun = roleCan(useProject().roles, Permission.BillRun);
  const polled = useRunPolling(initial, onChanged);
  const run = polled ?? initial;
  const [busy, setBusy] = useState<'check' | 'publish' | null>(null);
  const progress = runProgress(run);

  async function act(kind: 'check' | 'publish') {
    setBusy(kind);
    try {
      const next = kind === 'check' ? await checkRun(run.id) : await publishRun(run.id);
      onChanged(next);
      message.success(
        kind === 'check'
          ? '已核对：请查看下方核对信息，无误后发布'
          : `已发布 ${periodLabel(run.period)} 账单，业主将收到通知`,
      );
    } catch (error) {
      message.error(runErrorMessage(error, kind === 'check' ? '核对失败' : '发布失败'));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div data-testid="run-panel">
      <Space align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {periodLabel(run.period)} 账单
        </Typography.Title>
        <Tag color={RUN_STATUS_COLORS[run.status]} data-testid="run-status">
          {BILL_RUN_STATUS_LABELS[run.status]}
        </Tag>
      </Space>
      <Progress
        percent={progress.percent}
        status={run.status === 'failed' ? 'exception' : run.status === 'running' ? 'active' : 'success'}
        format={() => progress.text}
        data-testid="run-progress"
      />
      {run.status === 'failed' ? (
        <Alert
          type="error"
          showIcon
          style={{ margin: '12px 0' }}
          title="生成中断"
          description={`${run.error ?? '未知原因'}。已完成的房屋会保留，重新开始会从中断处继续，不会重复出账。`}
        />
      ) : null}
      <Descriptions size="small" column={3} style={{ margin: '12px 0' }}>
        <Descriptions.Item label="开始">{formatDateTime(run.startedAt)}</Descriptions.Item>
        <Descriptions.Item label="核对">{run.checkedAt ? formatDateTime(run.checkedAt) : '—'}</Descriptions.Item>
        <Descriptions.Item label="发布">{run.publishedAt ? formatDateTime(run.publishedAt) : '—'}</Descriptions.Item>
      </Descriptions>
      {run.check && run.status !== 'running' ? <CheckSummary check={run.check} /> : null}
      {run.status === 'draft' && !run.check ? (
        <Alert
          type="info"
          showIcon
          data-testid="run-draft-hint"
          title="草稿账单已生成，业主还看不到"
          description="请点击「核对」：系统统计户数与金额、与上月对比，并列出未确认的特约服务费、金额变化较大的房屋和缺少的抄表读数。看过核对信息无误后再发布。"
        />
      ) : null}
      {mayRun && (run.status === 'draft' || run.status === 'checked') ? (
        <Space style={{ marginTop: 16 }}>
          <Popconfirm
            title="核对本批账单？"
            description="将统计户数与金额、与上月对比并列出需关注的房屋；核对后才能发布。"
            okText="确认核对"
            cancelText="取消"
            disabled={run.status !== 'draft'}
            onConfirm={() => act('check')}
          >
            <Button
              icon={<CheckCircleOutlined />}
              disabled={run.status !== 'draft'}
              loading={busy === 'check'}
              data-testid="check-run"
            >
              核对
            </Button>
          </Popconfirm>
          <Popconfirm
            title={`发布 ${periodLabel(run.period)} 账单？`}
            description="请确认已看过核对信息。发布后业主即可在小程序查看并收到通知；已发布的账单不能修改，只能作废重开或下月调整。"
            okText="确认发布"
            cancelText="取消"
            disabled={run.status !== 'checked'}
            onConfirm={() => act('publish')}
          >
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={run.status !== 'checked'}
              loading={busy === 'publish'}
              data-testid="publish-run"
            >
              发布
            </Button>
          </Popconfirm>
        </Space>
      ) : null}
    </div>
  );
}
