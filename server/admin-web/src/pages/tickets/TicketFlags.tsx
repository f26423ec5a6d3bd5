import type { ITicket } from '@app/shared';
import { Tag, Tooltip } from 'antd';

/** Urgency, hold, escalation and 已合并 at a glance: the things a desk must not miss. */
export function TicketFlags({ ticket }: { ticket: ITicket }) {
  return (
    <>
      {ticket.urgency === 'emergency' ? <Tag color="red">紧急</Tag> : null}
      {ticket.onHold ? (
        <Tooltip title={ticket.holdReason ?? undefined}>
          <Tag color="warning" data-testid="flag-hold">
            挂起
          </Tag>
        </Tooltip>
      ) : null}
      {ticket.escalated ? <Tag color="magenta">已升级</Tag> : null}
      {ticket.mergedInto ? (
        <Tooltip title={`已合并到 ${ticket.mergedInto.serial}`}>
          <Tag color="purple" data-testid="flag-merged">
            已合并
          </Tag>
        </Tooltip>
      ) : null}
      {ticket.reworkCount > 0 ? <Tag>返修 {ticket.reworkCount} 次</Tag> : null}
    </>
  );
}
