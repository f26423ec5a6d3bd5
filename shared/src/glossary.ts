import { ROLE_LABELS, type Role } from './roles';
import {
  TICKET_ACTION_LABELS,
  TICKET_KIND_LABELS,
  TICKET_STATUS_LABELS,
  type RepairScope,
  type TicketAction,
  type TicketChannel,
  type TicketKind,
  type TicketStatus,
  type Urgency,
} from './tickets';
import {
  BINDING_RELATION_LABELS,
  BINDING_STATUS_LABELS,
  HOUSE_TYPE_LABELS,
  type BindingRelation,
} from './contracts/property';
import { CHARGE_CONFIRMED_VIA_LABELS, CHARGE_STATUS_LABELS, PAYMENT_METHOD_LABELS } from './contracts/charges';
import { PRICE_LIST_STATUS_LABELS, type IFeeScheduleCategoryView } from './contracts/catalog';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CAUSES,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_STATUS_LABELS,
} from './contracts/complaints';
import {
  ANNOUNCEMENT_STATUS_LABELS,
  ANNOUNCEMENT_TEMPLATES,
  type AnnouncementTemplate,
} from './contracts/announcements';
import type { ITicketQuote, ITicketRatings, ITicketSignature } from './contracts/tickets';

/**
 * The one wording of the product (issue 12, item 12): every code the screens show goes through here, so
 * the console and the mini-program say 一般, 综合 and 户内 the same way and never show a raw code.
 */

export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', emergency: '紧急' };

export const REPAIR_SCOPE_LABELS: Record<RepairScope, string> = { home: '户内', public: '公共区域' };

export const TICKET_CHANNEL_LABELS: Record<TicketChannel, string> = {
  mini_program: '小程序',
  phone: '电话',
  walk_in: '来访',
  on_site: '现场',
};

export type RatingDimension = Exclude<keyof ITicketRatings, 'comment'>;
export const RATING_LABELS: Record<RatingDimension, string> = {
  overall: '综合',
  punctuality: '准时',
  attitude: '态度',
};
export const RATING_DIMENSIONS: readonly RatingDimension[] = ['overall', 'punctuality', 'attitude'];

export type SignaturePurpose = ITicketSignature['purpose'];
export const SIGNATURE_PURPOSE_LABELS: Record<SignaturePurpose, string> = {
  quote_agreement: '同意报价',
  quote_decline: '拒绝报价',
  acceptance: '验收',
};

export const QUOTE_STATUS_LABELS: Record<ITicketQuote['status'], string> = {
  pending: '待业主确认',
  agreed: '已同意',
  declined: '已拒绝',
  superseded: '已被新报价取代',
  final: '最终结算',
};

/** Preferred visit windows (local time) offered when a request is made; the server stores only start and end. */
export const VISIT_WINDOWS = [
  { key: 'morning', label: '上午 9:00–12:00', start: 9, end: 12 },
  { key: 'afternoon', label: '下午 14:00–18:00', start: 14, end: 18 },
  { key: 'evening', label: '晚上 18:00–21:00', start: 18, end: 21 },
] as const;
export type VisitWindowKey = (typeof VISIT_WINDOWS)[number]['key'];
/** A visit is booked within the next month at most. */
export const PREFERRED_DAYS_AHEAD = 30;

/** Paid or free, as one word next to the ticket type (not a second spelling of the type). */
export const PAID_LABELS = { paid: '收费', free: '免费' } as const;

/**
 * What a schedule category is for: a repair or a home visit is reported as a ticket; a counter category
 * (打字复印) is sold over the service-centre desk and never offered as a ticket category.
 */
export const CategoryKind = { Repair: 'repair', Service: 'service', Counter: 'counter' } as const;
export type CategoryKind = (typeof CategoryKind)[keyof typeof CategoryKind];
export const CATEGORY_KIND_LABELS: Record<CategoryKind, string> = {
  repair: '维修',
  service: '上门服务',
  counter: '前台业务',
};

type ScheduleCategory = Pick<IFeeScheduleCategoryView, 'code' | 'name'> & {
  items?: readonly { counterSale: boolean }[];
};

/** The server's counter rule (counter-sales.service): the 打字复印 category, or a category whose items all sell at the counter. */
export function categoryKind(category: ScheduleCategory): CategoryKind {
  const items = category.items ?? [];
  if (category.name.includes('打字复印') || (items.length > 0 && items.every((i) => i.counterSale)))
    return CategoryKind.Counter;
  return category.name.includes('维修') ? CategoryKind.Repair : CategoryKind.Service;
}

/**
 * The categories a request can be filed under — the same list for the resident's 报修 page and the
 * console's 代客报修: the schedule in force minus counter categories; a booking also needs items to book.
 */
export function ticketCategories<T extends ScheduleCategory>(
  categories: readonly T[] | null | undefined,
  kind: 'repair' | 'service',
): T[] {
  return (categories ?? []).filter(
    (c) => categoryKind(c) !== CategoryKind.Counter && (kind === 'repair' || (c.items?.length ?? 0) > 0),
  );
}

/** 业主 / 租户 / 家庭成员; a building representative's free-text relation (楼长) is shown as written. */
export function relationLabel(relation: string | null | undefined): string {
  if (!relation) return '';
  return BINDING_RELATION_LABELS[relation as BindingRelation] ?? relation;
}

/** "报修（户内）", "报修（公共区域）", "特约服务" — the one spelling of a ticket's type. */
export function ticketTypeLabel(kind: TicketKind, scope?: RepairScope | null): string {
  const base = TICKET_KIND_LABELS[kind] ?? kind;
  return kind === 'repair' && scope ? `${base}（${REPAIR_SCOPE_LABELS[scope]}）` : base;
}

export const urgencyLabel = (urgency: Urgency): string => URGENCY_LABELS[urgency] ?? urgency;

/** Every label table by enum, for screens that look a code up generically and for the completeness test. */
export const GLOSSARY = {
  role: ROLE_LABELS as Record<Role, string>,
  ticketStatus: TICKET_STATUS_LABELS as Record<TicketStatus, string>,
  ticketKind: TICKET_KIND_LABELS as Record<TicketKind, string>,
  ticketAction: TICKET_ACTION_LABELS as Record<TicketAction, string>,
  ticketChannel: TICKET_CHANNEL_LABELS,
  repairScope: REPAIR_SCOPE_LABELS,
  urgency: URGENCY_LABELS,
  rating: RATING_LABELS,
  signaturePurpose: SIGNATURE_PURPOSE_LABELS,
  quoteStatus: QUOTE_STATUS_LABELS,
  relation: BINDING_RELATION_LABELS,
  bindingStatus: BINDING_STATUS_LABELS,
  houseType: HOUSE_TYPE_LABELS,
  categoryKind: CATEGORY_KIND_LABELS,
  chargeStatus: CHARGE_STATUS_LABELS,
  paymentMethod: PAYMENT_METHOD_LABELS,
  chargeConfirmedVia: CHARGE_CONFIRMED_VIA_LABELS,
  priceListStatus: PRICE_LIST_STATUS_LABELS,
  complaintStatus: COMPLAINT_STATUS_LABELS,
  complaintCategory: COMPLAINT_CATEGORIES,
  complaintCause: COMPLAINT_CAUSES,
  complaintChannel: COMPLAINT_CHANNEL_LABELS,
  announcementStatus: ANNOUNCEMENT_STATUS_LABELS,
  announcementTemplate: Object.fromEntries(ANNOUNCEMENT_TEMPLATES.map((t) => [t.code, t.label])) as Record<
    AnnouncementTemplate,
    string
  >,
} as const;
