/**
 * What a module hands to `NotificationsService.enqueue(tx, message)`: who, what, and a dedupe reference
 * naming the business event (e.g. `ticket:42:v7`), so enqueueing the same event twice stores it once.
 */
export interface OutgoingMessage {
  kind: string;
  recipients: readonly (number | null | undefined)[];
  /** Unique per business event; `${ref}:${kind}:${userId}` becomes the outbox row's dedupe key. */
  ref: string;
  title: string;
  body: string;
  ticketId?: number | null;
  /** The complaint (complaint.*) or announcement a message is about: in-app messages open it. */
  objectId?: number | null;
  facts?: MessageFacts;
}

/** Plain facts the push templates are filled from (subscribe-message fields, WeCom card text). */
export interface MessageFacts {
  /** What it is about, e.g. the fault description (thing: ≤20 chars after truncation). */
  subject?: string;
  /** Ticket serial / bill number (character_string). */
  serial?: string;
  /** Short state in Chinese, e.g. 已派单 (phrase: ≤5 Chinese characters). */
  status?: string;
  /** A person to name, e.g. the technician (name). */
  person?: string;
  /** The instant the message is about (ISO); the send time when absent. */
  at?: string;
}

/** Which subscribe-message template a kind goes out on; kinds not listed are inbox / WeCom only. */
export type SubscribeTopic = 'jobDispatch' | 'ticketProgress';

export const SUBSCRIBE_TOPIC: Record<string, SubscribeTopic> = {
  'ticket.dispatched': 'jobDispatch',
  'ticket.pool': 'jobDispatch',
  'ticket.registered': 'ticketProgress',
  'ticket.technician_assigned': 'ticketProgress',
  'ticket.quoted': 'ticketProgress',
  'ticket.done': 'ticketProgress',
};

/** The `phrase` (≤5 Chinese characters) a template shows for each kind. */
export const KIND_PHRASE: Record<string, string> = {
  'ticket.dispatched': '新派单',
  'ticket.pool': '待抢单',
  'ticket.registered': '已受理',
  'ticket.technician_assigned': '已派单',
  'ticket.quoted': '待确认',
  'ticket.done': '待验收',
};

/** Dedupe reference of a ticket change: the version is bumped by every change, so it names one event. */
export const ticketRef = (t: { id: number; version: number }): string => `ticket:${t.id}:v${t.version}`;

export const ticketFacts = (t: { serial: string; description: string }): MessageFacts => ({
  serial: t.serial,
  subject: t.description,
});

/**
 * Field layout of each topic's template. Pick templates in the WeChat console with these keys (or change
 * the keys here): 工单派单提醒 (thing1 内容, character_string2 工单号, time3 时间, phrase4 状态) and 工单进度通知
 * (character_string1 工单号, thing2 内容, phrase3 状态, thing4 备注, time5 时间).
 */
export function templateValues(
  topic: SubscribeTopic,
  kind: string,
  f: Required<Pick<MessageFacts, 'at'>> & MessageFacts,
  title: string,
): Record<string, string> {
  const status = f.status || KIND_PHRASE[kind] || '处理中';
  if (topic === 'jobDispatch') {
    return { thing1: f.subject || title, character_string2: f.serial || '-', time3: f.at, phrase4: status };
  }
  return {
    character_string1: f.serial || '-',
    thing2: f.subject || title,
    phrase3: status,
    thing4: f.person ? `${title}（${f.person}）` : title,
    time5: f.at,
  };
}
