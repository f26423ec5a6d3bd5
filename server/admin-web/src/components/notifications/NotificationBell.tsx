import { BellOutlined } from '@ant-design/icons';
import type { IInboxMessage } from '@app/shared';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { inboxUnread, listInbox, markInboxAllRead, markInboxRead } from '../../api/inbox';
import { TicketDetailDrawer } from '../../pages/tickets/TicketDetailDrawer';

/** How often the unread count is refreshed while the console is open. */
const POLL_MS = 30_000;

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** 消息: unread count on a bell, the latest messages in a dropdown; a message about a ticket opens it. */
export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<IInboxMessage[] | null>(null);
  const [ticketId, setTicketId] = useState<number | null>(null);

  const refreshCount = useCallback(() => {
    inboxUnread().then(setUnread).catch(() => undefined);
  }, []);
  const loadList = useCallback(() => {
    listInbox(10).then((p) => setItems(p.items)).catch(() => setItems([]));
  }, []);

  useEffect(() => {
    refreshCount();
    const timer = setInterval(refreshCount, POLL_MS);
    return () => clearInterval(timer);
  }, [refreshCount]);

  async function choose(m: IInboxMessage) {
    if (!m.readAt) await markInboxRead(m.id).catch(() => undefined);
    setOpen(false);
    refreshCount();
    if (m.ticketId) setTicketId(m.ticketId);
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
                    {m.body ? <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>{m.body}</Typography.Text> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{time(m.createdAt)}</Typography.Text>
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
            {unread > 0 ? <Button type="link" size="small" onClick={() => void readAll()}>全部已读</Button> : null}
          </Space>
        }
        content={content}
      >
        <Badge count={unread} size="small" overflowCount={99}>
          <Button type="text" aria-label={unread ? `消息，${unread} 条未读` : '消息'} icon={<BellOutlined />} data-testid="notification-bell" />
        </Badge>
      </Popover>
      {ticketId !== null ? <TicketDetailDrawer ticketId={ticketId} onClose={() => setTicketId(null)} onChanged={() => undefined} /> : null}
    </>
  );
}
