import { Text } from '@tarojs/components';
import { TICKET_STATUS_LABELS, type TicketStatus } from '@app/shared';
import './index.scss';

/** Colour by what the resident should do: blue = in hand, orange = waiting for me, green = finished, grey = closed. */
const TONE: Record<TicketStatus, 'blue' | 'orange' | 'green' | 'grey'> = {
  submitted: 'blue',
  registered: 'blue',
  dispatched: 'blue',
  accepted: 'blue',
  on_site: 'blue',
  quoted: 'orange',
  in_progress: 'blue',
  done: 'orange',
  verified: 'green',
  visited: 'green',
  closed: 'grey',
  cancelled: 'grey',
};

/** `merged`: a duplicate report staff merged into another ticket (cancelled with 已合并到) reads 已合并, not 已取消. */
export default function TicketStatusTag({
  status,
  onHold,
  merged,
}: {
  status: TicketStatus;
  onHold?: boolean;
  merged?: boolean;
}) {
  return (
    <Text className={`ticket-tag ticket-tag--${TONE[status]}`}>
      {merged ? '已合并' : TICKET_STATUS_LABELS[status]}
      {onHold ? '·暂停' : ''}
    </Text>
  );
}
