import { BellOutlined } from '@ant-design/icons';
import type { IInboxMessage } from '@app/shared';
import { Badge, Button, Empty, List, Popover, Space, Switch, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { inboxUnread, listInbox, markInboxAllRead, markInboxRead } from '../../api/inbox';
import { subscribeTicketEvents } from '../../api/live';
import { alertNewTicket, liveAlertsEnabled, setLiveAlertsEnabled } from '../../lib/live-alerts';
import { TicketDetailDrawer } from '../../pages/tickets/TicketDetailDrawer';
import { bellTarget, complaintLink } from './message-target';

/** The unread count also follows the live ticket stream; this poll catches messages that are not about tickets. */
const POLL_MS = 30_000;

const time = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** 消息: unread count on a bell, the latest messages in a dropdown; a message about a ticket or a complaint opens it. */
export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<IInboxMessage[] | null>(null);
  const [ticketId, setTicketId] = useState<number | null>(null);
  const [alerts, setAlerts] = useState(liveAlertsEnabled);
  const navigate = useNavigate();

  const refreshCount = useCallback(() => {
    inboxUnread()
      .then(setUnread)
      .catch(() => undefined);
  }, []);
  const loadList = useCallback(() => {
    listInbox(10)
      .then((p) => setItems(p.items))
      .catch(() => setItems([]));
  }, []);

  useEffect(() => {
    refreshCount();
    const timer = setInterval(refreshCount, POLL_MS);
    return () => clearInterval(timer);
  }, [refreshCount]);

  // A new or changed ticket usually comes with a message for someone: refresh the count (and the open list).
  useEffect(
    () =>
      subscribeTicketEvents((event) => {
        refreshCount();
        if (open) loadList();
        alertNewTicket(event, '新工单');
      }),
    [refreshCount, loadList, open],
  );

  async function choose(m: IInboxMessage) {
    if (!m.readAt) await markInboxRead(m.id).catch(() => undefined);
    setOpen(false);
    refreshCount();
    const target = bellTarget(m);
    if (target?.type === 'ticket') setTicketId(target.id);
    else if (target?.type === 'complaint') void navigate(complaintLink(target.id));
  }

  async function readAll() {
    await markInboxAllRead();
    refreshCount();
    loadList();
  }

  const content = (
    <div style={{ width: 360, maxHeight: 480, overflowY: 'auto' }} data-testid="notification-list">
      {items === null ? null : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(m) => (
            <List.Item style={{ cursor: 'pointer' }} onClick={() => void choose(m)}>
              <List.Item.Meta
                title={
                  <Space size={6}>
                    {!m.readAt ? <Badge status="error" /> : null}
                    <Typography.Text strong={!m.readAt}>{m.title}</Typography.Text>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={0}>
                    {m.body ? (
                      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                        {m.body}
                      </Typography.Text>
                    ) : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {time(m.createdAt)}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <>
      <Popover
        trigger="click"
        placement="bottomRight"
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) loadList();
        }}
        title={
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <span>消息</span>
            <Space size={4}>
              <Switch
                size="small"
                checked={alerts}
                data-testid="live-alerts-switch"
                onChange={(on) => {
                  setAlerts(on);
                  void setLiveAlertsEnabled(on);
                }}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                新工单提醒（声音/桌面）
              </Typography.Text>
              {unread > 0 ? (
                <Button type="link" size="small" onClick={() => void readAll()}>
                  全部已读
                </Button>
              ) : null}
            </Space>
          </Space>
        }
        content={content}
      >
        <Badge count={unread} size="small" overflowCount={99}>
          <Button
            type="text"
            aria-label={unread ? `消息，${unread} 条未读` : '消息'}
            icon={<BellOutlined />}
            data-testid="notification-bell"
          />
        </Badge>
      </Popover>
      {ticketId !== null ? (
        <TicketDetailDrawer ticketId={ticketId} onClose={() => setTicketId(null)} onChanged={() => undefined} />
      ) : null}
    </>
  );
}
