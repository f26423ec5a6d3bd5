import type { IMediaRef } from './tickets';

/**
 * 投诉 (docs/complaints.md, docs/domain.md §6):
 * open (已登记, waiting for the first contact) → contacted (调查中) → resolved (待业主确认) → closed (已完结);
 * the resident may dispute a resolution: resolved → disputed (有异议, escalated to the project manager) → resolved …
 */
export const ComplaintStatus = {
  Open: 'open',
  Contacted: 'contacted',
  Resolved: 'resolved',
  Disputed: 'disputed',
  Closed: 'closed',
} as const;
export type ComplaintStatus = (typeof ComplaintStatus)[keyof typeof ComplaintStatus];

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  open: '待联系',
  contacted: '调查中',
  resolved: '待确认',
  disputed: '有异议',
  closed: '已完结',
};

export const COMPLAINT_CATEGORIES = {
  attitude: '服务态度',
  quality: '维修质量',
  timeliness: '响应不及时',
  charges: '收费问题',
  environment: '环境卫生',
  security: '秩序安全',
  other: '其他',
} as const;
export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES;

/** Why it happened, recorded with the responsible person for the assessment (考核). */
export const COMPLAINT_CAUSES = {
  staff_fault: '员工过失',
  process: '流程问题',
  third_party: '第三方原因',
  facilities: '设施设备',
  unfounded: '投诉不成立',
  other: '其他',
} as const;
export type ComplaintCause = keyof typeof COMPLAINT_CAUSES;

export type ComplaintChannel = 'mini_program' | 'phone' | 'walk_in' | 'return_visit';
export const COMPLAINT_CHANNEL_LABELS: Record<ComplaintChannel, string> = {
  mini_program: '小程序',
  phone: '电话',
  walk_in: '来访',
  return_visit: '回访不满意',
};

export type ComplaintDeadlineKind = 'contact' | 'resolve';

export interface IComplaint {
  id: number;
  /** Shown everywhere: `TS-<id>`. */
  number: string;
  projectId: number;
  houseId: number | null;
  houseLabel: string | null;
  ticketId: number | null;
  ticketSerial: string | null;
  complainantId: number | null;
  contactName: string | null;
  /** Masked except for roles that call the resident. */
  contactPhone: string | null;
  category: ComplaintCategory;
  description: string;
  channel: ComplaintChannel;
  status: ComplaintStatus;
  version: number;
  investigatorId: number | null;
  investigatorName: string | null;
  contactDueAt: string;
  contactedAt: string | null;
  resolveDueAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  resolution: string | null;
  /** Staff only (assessment); null in the resident's view. */
  responsibleUserId: number | null;
  responsibleName: string | null;
  cause: ComplaintCause | null;
  disputeCount: number;
  escalated: boolean;
  /** A deadline passed before it was met (now, or recorded by the sweep). */
  contactOverdue: boolean;
  resolveOverdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface IComplaintEvent {
  id: number;
  action: 'create' | 'assign' | 'contact' | 'note' | 'resolve' | 'confirm' | 'dispute' | 'escalate';
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus | null;
  actorName: string | null;
  note: string | null;
  media: IMediaRef[];
  at: string;
}

export interface IComplaintDetail extends IComplaint {
  media: IMediaRef[];
  /** Residents see the steps that concern them; staff see notes and assignments too. */
  events: IComplaintEvent[];
}

export interface ICreateComplaintRequest {
  /** Residents: one of their verified houses (or the house of `ticketId`). Staff: optional. */
  houseId?: number | null;
  /** Staff filing without a house or ticket name the project. */
  projectId?: number | null;
  /** The request it is about (the resident's own, or any of the project's for staff). */
  ticketId?: number | null;
  category: ComplaintCategory;
  description: string;
  mediaIds?: number[];
  /** Staff only: how it came in; `return_visit` for an unsatisfied return visit. */
  channel?: ComplaintChannel;
  contactName?: string | null;
  contactPhone?: string | null;
}

export interface IAssignInvestigatorRequest {
  investigatorId: number;
  version?: number;
}

export interface IComplaintNoteRequest {
  note: string;
  mediaIds?: number[];
  version?: number;
}

export interface IResolveComplaintRequest {
  resolution: string;
  cause: ComplaintCause;
  responsibleUserId?: number | null;
  version?: number;
}

export interface IDisputeComplaintRequest {
  reason: string;
}

export interface IComplaintListQuery {
  projectId: number;
  status?: ComplaintStatus;
  /** 'true': only complaints past a deadline they have not met. */
  overdue?: 'true' | 'false';
  page?: number;
  pageSize?: number;
}

/** 投诉时限 of a project: contact the resident within, resolve within (minutes). */
export interface IComplaintPolicy {
  projectId: number;
  contactMinutes: number;
  resolveMinutes: number;
  isDefault: boolean;
}
export type IComplaintPolicyRequest = Pick<IComplaintPolicy, 'contactMinutes' | 'resolveMinutes'>;

/** 催单 state of one request. */
export interface ITicketUrge {
  ticketId: number;
  count: number;
  lastUrgedAt: string | null;
  /** When the resident may urge again (null: now, if the request is still open). */
  nextUrgeAt: string | null;
  /** One request's state only: whether it is still open (urging applies before the work is done). */
  urgeable?: boolean;
}
