import type { IComplaint } from '@app/shared';
import { Space, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../lib/time';
import { complaintDeadlines } from './complaint-logic';

/** The contact and resolution deadlines as live countdown tags (refreshed every 30 seconds). */
export function DeadlineTags({ complaint }: { complaint: IComplaint }) {
  const [at, setAt] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setAt(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const tags = complaintDeadlines(complaint, at);
  if (!tags.length) return <Tag>已完结</Tag>;
  return (
    <Space size={4} wrap data-testid="complaint-countdown">
      {tags.map((t) => (
        <Tooltip
          key={t.key}
          title={`时限 ${formatDateTime(t.key === 'contact' ? complaint.contactDueAt : complaint.resolveDueAt)}`}
        >
          <Tag color={t.tone}>{t.text}</Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
