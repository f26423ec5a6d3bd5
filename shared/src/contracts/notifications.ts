import type { IPageQuery } from './common';

export interface IInboxQuery extends IPageQuery {
  unread?: 'true' | 'false';
}

export interface IInboxUnread {
  unread: number;
}

/** Subscribe-message template ids the mini-program asks for at natural taps (null: not configured). */
export interface ISubscribeTemplates {
  enabled: boolean;
  /** 新派单 for technicians: ask when they accept or grab a job. */
  jobDispatch: string | null;
  /** 工单进度 for residents: ask when they submit a request or agree a quote. */
  ticketProgress: string | null;
}

export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter' | 'acceptWithAudio';

/** What `requestSubscribeMessage` answered, per template id (wechat.md §A4). */
export interface ISubscribeReport {
  results: { templateId: string; result: SubscribeResult }[];
}

export interface ISubscribeCredit {
  templateId: string;
  credits: number;
}
