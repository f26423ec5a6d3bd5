import { slaCountdown, type ITicketSlaDeadline, type SlaTone } from '@app/shared';
import { Space, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../lib/time';

const COLORS: Record<SlaTone, string> = { ok: 'blue', soon: 'orange', late: 'red', done: 'default', paused: 'default' };

/** Each SLA deadline of the ticket as a tag with a live countdown (docs/sla.md); refreshed every 30 seconds. */
export function SlaCountdownTags(props: { deadlines: ITicketSlaDeadline[] }) {
  const [at, setAt] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setAt(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Space size={4} wrap data-testid="sla-countdown">
      {props.deadlines.map((d) => {
        const c = slaCountdown(d, at);
        return (
          <Tooltip
            key={d.kind}
            title={`时限 ${formatDateTime(d.dueAt)}${d.metAt ? `，完成于 ${formatDateTime(d.metAt)}` : ''}`}
          >
            <Tag color={COLORS[c.tone]}>{c.text}</Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}
