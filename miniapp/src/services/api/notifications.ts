import Taro from '@tarojs/taro';
import { ROUTES, type IInboxMessage, type IPage, type ISubscribeTemplates, type SubscribeResult } from '@app/shared';
import { api } from '../http';

export function listMessages(page = 1): Promise<IPage<IInboxMessage>> {
  return api(ROUTES.inbox.list, { query: { page, pageSize: 20 } });
}

export async function unreadCount(): Promise<number> {
  return (await api(ROUTES.inbox.unread)).unread;
}

export function markRead(id: number): Promise<void> {
  return api(ROUTES.inbox.read, { params: { id } });
}

export function markAllRead(): Promise<void> {
  return api(ROUTES.inbox.readAll);
}

let templates: ISubscribeTemplates | null = null;

/** Fetched ahead of time: requestSubscribeMessage only works while the tap is still being handled. */
export function prefetchSubscribeTemplates(): void {
  if (process.env.TARO_ENV !== 'weapp' || templates) return;
  api(ROUTES.notifications.templates)
    .then((t) => {
      templates = t;
    })
    .catch(() => undefined);
}

/**
 * Ask for one more WeChat subscribe message at a natural tap (submit a request, agree a quote, accept a job)
 * and tell the server what the user chose, so it knows how many messages it may send (wechat.md §A4).
 * Call it first thing in the tap handler, without awaiting. In H5 there is nothing to ask.
 */
export function askSubscribe(topic: 'jobDispatch' | 'ticketProgress'): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  const id = templates?.enabled ? templates[topic] : null;
  if (!id) return prefetchSubscribeTemplates();
  Taro.requestSubscribeMessage({ tmplIds: [id], entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
    .then((res) => {
      const result = (res as unknown as Record<string, string>)[id] as SubscribeResult | undefined;
      if (!result) return;
      return api(ROUTES.notifications.reportSubscriptions, { body: { results: [{ templateId: id, result }] } });
    })
    .catch(() => undefined); // refusing or an old base library is not an error for the action itself
}
