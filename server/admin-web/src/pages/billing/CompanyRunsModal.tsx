import { BILL_RUN_STATUS_LABELS, type IBillRun } from '@app/shared';
import { Modal, Progress, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { listRuns } from '../../api/billing';
import { isRunActive, periodLabel, runProgress } from './billing-logic';
import { RUN_STATUS_COLORS } from './RunPanel';
import { POLL_MS } from './use-run-polling';

/** Every project's run of a company-wide start, refreshed until none is still working. */
export function CompanyRunsModal({
  period,
  initial,
  onClose,
}: {
  period: string;
  initial: IBillRun[];
  onClose(): void;
}) {
  const [runs, setRuns] = useState(initial);
  const active = runs.some(isRunActive);

  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => {
      listRuns({ period }).then(
        (all) => setRuns((current) => current.map((r) => all.find((a) => a.id === r.id) ?? r)),
        () => setRuns((current) => [...current]),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [runs, active, period]);

  return (
    <Modal
      open
      title={`全公司 ${periodLabel(period)} 账单生成`}
      width={760}
      onCancel={onClose}
      onOk={onClose}
      okText="关闭"
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      <p>每个项目独立生成草稿；完成后请到各项目的「账单生成」核对并发布。</p>
      <Table<IBillRun>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={runs}
        columns={[
          { title: '项目', dataIndex: 'projectName' },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: IBillRun['status']) => <Tag color={RUN_STATUS_COLORS[s]}>{BILL_RUN_STATUS_LABELS[s]}</Tag>,
          },
          {
            title: '进度',
            key: 'progress',
            width: 260,
            render: (_, r) => {
              const p = runProgress(r);
              return (
                <Progress
                  size="small"
                  percent={p.percent}
                  format={() => p.text}
                  status={r.status === 'failed' ? 'exception' : undefined}
                />
              );
            },
          },
        ]}
      />
    </Modal>
  );
}
