import { Permission, roleCan, TICKET_STATUS_LABELS } from '@app/shared';
import { Button, Drawer, Skeleton, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { getTicket, getTimeline } from '../../api/tickets';
import { ticketUrge } from '../../api/complaints';
import { UrgeTag } from './UrgeTag';
import { ErrorState } from '../../components/ErrorState';
import { useProject } from '../../layout/project-context';
import { useAsync } from '../../lib/use-async';
import { TicketActionModal } from './TicketActionModal';
import { TicketBody } from './TicketBody';
import { TicketFormButton } from './TicketFormButton';
import { TicketFlags } from './TicketFlags';
import { actionLabel, consoleActions, STATUS_COLORS, type ConsoleAction } from './ticket-logic';
import { canMerge } from './merge-logic';
import { MergeTicketModal } from './TicketMerge';

export function TicketDetailDrawer(props: { ticketId: number; onClose(): void; onChanged(): void }) {
  const { roles } = useProject();
  // 已合并到 / 合并的报修 link to other tickets: the drawer follows the link itself.
  const [shownId, setShownId] = useState(props.ticketId);
  useEffect(() => setShownId(props.ticketId), [props.ticketId]);
  const ticket = useAsync(() => getTicket(shownId), [shownId]);
  const timeline = useAsync(() => getTimeline(shownId), [shownId]);
  const urge = useAsync(() => ticketUrge(shownId).catch(() => undefined), [shownId]);
  const [acting, setActing] = useState<ConsoleAction | null>(null);
  const [merging, setMerging] = useState(false);
  const t = ticket.data;

  function refresh() {
    ticket.reload();
    timeline.reload();
    props.onChanged();
  }

  const actions = t ? consoleActions(t, roles) : [];
  return (
    <Drawer
      open
      size="large"
      title={
        t ? (
          <Space>
            {t.serial}
            <Tag color={STATUS_COLORS[t.status]}>{TICKET_STATUS_LABELS[t.status]}</Tag>
            <TicketFlags ticket={t} />
            <UrgeTag urge={urge.data} />
          </Space>
        ) : (
          '工单详情'
        )
      }
      onClose={props.onClose}
      data-testid="ticket-drawer"
      extra={
        <Space wrap data-testid="ticket-actions">
          {t && roleCan(roles, Permission.TicketView) ? <TicketFormButton ticket={t} /> : null}
          {actions.map((a) => (
            <Button
              key={a}
              type={a === 'register' || a === 'dispatch' || a === 'verify' || a === 'close' ? 'primary' : 'default'}
              danger={a === 'cancel'}
              onClick={() => setActing(a)}
            >
              {actionLabel(a)}
            </Button>
          ))}
        </Space>
      }
    >
      {ticket.error && !t ? (
        <ErrorState error={ticket.error} onRetry={ticket.reload} title="工单加载失败" />
      ) : !t ? (
        <Skeleton active />
      ) : (
        <TicketBody
          ticket={t}
          events={timeline.data}
          roles={roles}
          onChanged={refresh}
          onOpen={setShownId}
          onMerge={canMerge(t, roles) ? () => setMerging(true) : undefined}
        />
      )}
      {t && acting ? (
        <TicketActionModal
          ticket={t}
          action={acting}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            refresh();
          }}
          onConflict={() => {
            setActing(null);
            refresh();
          }}
        />
      ) : null}
      {t && merging ? (
        <MergeTicketModal
          ticket={t}
          onClose={() => setMerging(false)}
          onDone={() => {
            setMerging(false);
            refresh();
          }}
          onConflict={() => {
            setMerging(false);
            refresh();
          }}
        />
      ) : null}
    </Drawer>
  );
}
