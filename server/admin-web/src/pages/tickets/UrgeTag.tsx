import type { ITicketUrge } from '@app/shared';
import { Tag, Tooltip } from 'antd';
import { formatDateTime } from '../../lib/time';

/** 催单 marker: how often the resident urged this request, and when last (docs/complaints.md "催单"). */
export function UrgeTag({ urge }: { urge: ITicketUrge | undefined }) {
  if (!urge || urge.count === 0) return null;
  return (
    <Tooltip title={urge.lastUrgedAt ? `最近一次 ${formatDateTime(urge.lastUrgedAt)}` : undefined}>
      <Tag color="volcano" data-testid="flag-urged">
        催单 {urge.count}
      </Tag>
    </Tooltip>
  );
}
