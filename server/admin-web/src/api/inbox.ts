import { ROUTES, type IInboxMessage, type IPage } from '@app/shared';
import { api } from './client';

export function listInbox(pageSize = 10): Promise<IPage<IInboxMessage>> {
  return api(ROUTES.inbox.list, { query: { page: 1, pageSize } });
}

export async function inboxUnread(): Promise<number> {
  return (await api(ROUTES.inbox.unread)).unread;
}

export function markInboxRead(id: number): Promise<void> {
  return api(ROUTES.inbox.read, { params: { id } });
}

export function markInboxAllRead(): Promise<void> {
  return api(ROUTES.inbox.readAll);
}
