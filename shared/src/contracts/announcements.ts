/**
 * Announcements (公告, docs/announcements.md): staff publish a notice to a project or chosen buildings from a
 * template; residents of those buildings see it on the home page and get a message; staff see read counts.
 */
export const AnnouncementTemplate = {
  Water: 'water',
  Power: 'power',
  Elevator: 'elevator',
  Disinfection: 'disinfection',
  Custom: 'custom',
} as const;
export type AnnouncementTemplate = (typeof AnnouncementTemplate)[keyof typeof AnnouncementTemplate];

export const AnnouncementStatus = { Draft: 'draft', Published: 'published', Withdrawn: 'withdrawn' } as const;
export type AnnouncementStatus = (typeof AnnouncementStatus)[keyof typeof AnnouncementStatus];

/** A template's label and the text the console pre-fills (`{时间}` is replaced by the chosen range). */
export interface IAnnouncementTemplateText {
  code: AnnouncementTemplate;
  label: string;
  title: string;
  body: string;
}

export const ANNOUNCEMENT_TEMPLATES: readonly IAnnouncementTemplateText[] = [
  {
    code: 'water',
    label: '停水',
    title: '停水通知',
    body: '因供水设施检修，{时间}期间暂停供水，请提前做好储水准备。给您带来不便，敬请谅解。',
  },
  {
    code: 'power',
    label: '停电',
    title: '停电通知',
    body: '因供电设施检修，{时间}期间暂停供电，电梯同时停运，请提前做好安排。给您带来不便，敬请谅解。',
  },
  {
    code: 'elevator',
    label: '电梯维保',
    title: '电梯维保通知',
    body: '{时间}期间进行电梯例行维护保养，维保期间电梯暂停使用，请走楼梯并注意安全。',
  },
  {
    code: 'disinfection',
    label: '消杀',
    title: '公共区域消杀通知',
    body: '{时间}期间对公共区域进行消杀作业，请关好门窗，照看好儿童和宠物。',
  },
  { code: 'custom', label: '其他通知', title: '', body: '' },
];

export const ANNOUNCEMENT_STATUS_LABELS: Readonly<Record<AnnouncementStatus, string>> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
};

/** Staff's view: with the audience and read counts. */
export interface IAnnouncement {
  id: number;
  projectId: number;
  template: AnnouncementTemplate;
  title: string;
  body: string;
  /** Empty: the whole project. */
  buildingIds: number[];
  buildingNames: string[];
  startsAt: string;
  endsAt: string;
  status: AnnouncementStatus;
  version: number;
  createdAt: string;
  publishedAt: string | null;
  withdrawnAt: string | null;
  /** Residents the notice was published to (approved residents of the buildings at publish time). */
  recipients: number;
  read: number;
}

export interface ICreateAnnouncementRequest {
  projectId: number;
  template: AnnouncementTemplate;
  title: string;
  body: string;
  /** Empty or omitted: the whole project. */
  buildingIds?: number[];
  startsAt: string;
  endsAt: string;
}

/** Publish / withdraw: the version the staff member saw (409 with the current state when it moved). */
export interface IAnnouncementActionRequest {
  version: number;
}

export interface IAnnouncementListQuery {
  projectId: number;
  status?: AnnouncementStatus;
  page?: number;
  pageSize?: number;
}

/** A resident's view of a notice published to them. */
export interface IResidentAnnouncement {
  id: number;
  template: AnnouncementTemplate;
  title: string;
  body: string;
  startsAt: string;
  endsAt: string;
  publishedAt: string;
  projectName: string;
  readAt: string | null;
}

/** Live console updates (docs/operations.md "Live updates"): a short-lived token opens the event stream. */
export interface ILiveStreamToken {
  token: string;
  expiresAt: string;
}

/** One server-sent event on `/api/live/tickets`: a ticket the staff member can see was created or changed. */
export interface ILiveTicketEvent {
  type: 'ticket.created' | 'ticket.changed';
  ticketId: number;
  projectId: number;
  status: string;
  version: number;
  /** The action that changed it (submit, register, dispatch, hold …). */
  action: string;
  at: string;
}
