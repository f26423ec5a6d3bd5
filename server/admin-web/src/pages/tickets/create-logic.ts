import {
  PREFERRED_DAYS_AHEAD,
  VISIT_WINDOWS,
  type ICreateTicketRequest,
  type TicketChannel,
  type TicketKind,
  type Urgency,
  type VisitWindowKey,
} from '@app/shared';

export type Place = 'home' | 'public';

export interface CreateFormValues {
  place: Place;
  houseId?: number;
  kind: Exclude<TicketKind, 'complaint'>;
  category?: string;
  feeItemCode?: string;
  urgency: Urgency;
  description?: string;
  contactName?: string;
  contactPhone?: string;
  channel: Extract<TicketChannel, 'phone' | 'walk_in' | 'on_site'>;
  /** Uploaded photos (media ids), in the order they were added. */
  mediaIds?: number[];
  /** yyyy-MM-dd (local) the caller would like the visit; with a window, it becomes preferredStart/End. */
  visitDate?: string;
  visitWindow?: VisitWindowKey;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Today to PREFERRED_DAYS_AHEAD days ahead, as the resident's 报修 page offers. */
export function visitDateRange(now = new Date()): { start: string; end: string } {
  return {
    start: localDate(now),
    end: localDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() + PREFERRED_DAYS_AHEAD)),
  };
}

/** The expected visit as the instants the server stores; both or neither. */
function visitWindow(date: string, key: VisitWindowKey): { preferredStart: string; preferredEnd: string } | null {
  const window = VISIT_WINDOWS.find((w) => w.key === key);
  const [y, m, d] = date.split('-').map(Number);
  if (!window || !y || !m || !d) return null;
  return {
    preferredStart: new Date(y, m - 1, d, window.start).toISOString(),
    preferredEnd: new Date(y, m - 1, d, window.end).toISOString(),
  };
}

export const CHANNEL_OPTIONS = [
  { value: 'phone', label: '电话' },
  { value: 'walk_in', label: '来访' },
  { value: 'on_site', label: '现场' },
] as const;

/** Public-area requests are repairs of shared facilities; they carry the project instead of a house. */
export function kindsFor(place: Place): CreateFormValues['kind'][] {
  return place === 'public' ? ['repair', 'suggestion'] : ['repair', 'service', 'suggestion', 'consultation'];
}

export type CreateBuild =
  { ok: true; body: ICreateTicketRequest } | { ok: false; field: keyof CreateFormValues; message: string };

/** The form → POST /api/tickets, with the rules the server enforces for staff-recorded requests. */
export function buildCreateRequest(v: CreateFormValues, projectId: number, now = new Date()): CreateBuild {
  const description = (v.description ?? '').trim();
  const phone = (v.contactPhone ?? '').trim();
  if (v.place === 'home' && !v.houseId) return { ok: false, field: 'houseId', message: '请选择房屋' };
  if (!v.category?.trim()) return { ok: false, field: 'category', message: '请选择类别' };
  if (v.kind === 'service' && !v.feeItemCode)
    return { ok: false, field: 'feeItemCode', message: '特约服务须选择收费项目' };
  if (!description) return { ok: false, field: 'description', message: '请填写问题描述' };
  if (!/^1[3-9]\d{9}$/.test(phone)) return { ok: false, field: 'contactPhone', message: '请填写有效的 11 位手机号' };
  const range = visitDateRange(now);
  if (v.visitDate && (v.visitDate < range.start || v.visitDate > range.end)) {
    return { ok: false, field: 'visitDate', message: `上门日期须在今天到 ${PREFERRED_DAYS_AHEAD} 天内` };
  }
  if (v.visitDate && !v.visitWindow) return { ok: false, field: 'visitWindow', message: '请选择上门时段' };
  if (v.visitWindow && !v.visitDate) return { ok: false, field: 'visitDate', message: '请选择上门日期' };
  const visit = v.visitDate && v.visitWindow ? visitWindow(v.visitDate, v.visitWindow) : null;
  const body: ICreateTicketRequest = {
    kind: v.kind,
    category: v.category.trim(),
    urgency: v.urgency,
    description,
    channel: v.channel,
    contactName: v.contactName?.trim() || null,
    contactPhone: phone,
  };
  if (v.place === 'home') body.houseId = v.houseId;
  else body.projectId = projectId;
  if (v.kind === 'repair') body.scope = v.place;
  if (v.kind === 'service') body.feeItemCode = v.feeItemCode;
  if (v.mediaIds?.length) body.mediaIds = v.mediaIds;
  if (visit) Object.assign(body, visit);
  return { ok: true, body };
}
