import {
  RepairScope,
  TicketKind,
  Urgency,
  PREFERRED_DAYS_AHEAD,
  VISIT_WINDOWS,
  type ICreateTicketRequest,
  type IFieldError,
  type VisitWindowKey,
} from '@app/shared';

export const MAX_PHOTOS = 9;
export const DESCRIPTION_MAX = 1000;
const DESCRIPTION_MIN = 5;

/** The console's 代客报修 offers the same windows: one list, in `shared`. */
export const TIME_WINDOWS = VISIT_WINDOWS;
export type TimeWindowKey = VisitWindowKey;

export interface IReportDraft {
  houseId: number | null;
  scope: RepairScope | null;
  category: string | null;
  urgency: Urgency;
  description: string;
  /** yyyy-MM-dd from the date picker; empty = no preference. */
  preferredDate: string;
  preferredWindow: TimeWindowKey | null;
  /** A service booked from 收费标准 (预约此项): the request is a 特约服务 booking of this item, not a repair. */
  feeItemCode: string | null;
}

export type ReportField = 'houseId' | 'scope' | 'category' | 'urgency' | 'description' | 'mediaIds' | 'preferred';
export type ReportFormErrors = Partial<Record<ReportField | 'form', string>>;

export const emptyReportDraft = (houseId: number | null = null): IReportDraft => ({
  houseId,
  scope: null,
  category: null,
  urgency: Urgency.Normal,
  description: '',
  preferredDate: '',
  preferredWindow: null,
  feeItemCode: null,
});

/** Route params of 报修 / 预约此项 on a 收费标准 item: `category`, `item` (code), `itemName`, `service=1`. */
export function draftFromParams(params: Record<string, string | undefined>): IReportDraft {
  const draft = emptyReportDraft();
  const category = params.category ? decodeURIComponent(params.category) : '';
  if (!/^[A-Za-z0-9-]{1,32}$/.test(category)) return draft;
  const service = params.service === '1' && params.item ? decodeURIComponent(params.item) : null;
  return {
    ...draft,
    // Schedule items are work in the home; public areas are repaired free and have no bookable items.
    scope: RepairScope.Home,
    category,
    feeItemCode: service,
  };
}

/** Photos still uploading or failed block sending: the resident decides (retry or remove) rather than losing one silently. */
export function validateReportDraft(
  draft: IReportDraft,
  photos: { pending: number; failed: number } = { pending: 0, failed: 0 },
  today = new Date(),
): ReportFormErrors {
  const errors: ReportFormErrors = {};
  if (draft.houseId === null) errors.houseId = draft.feeItemCode ? '请选择服务的房屋' : '请选择报修的房屋';
  if (draft.scope === null) errors.scope = '请选择户内或公共区域';
  if (!draft.category) errors.category = '请选择报修类别';
  const description = draft.description.trim();
  if (description === '') errors.description = draft.feeItemCode ? '请说明服务的要求' : '请描述需要维修的问题';
  else if (description.length < DESCRIPTION_MIN)
    errors.description = `请至少写 ${DESCRIPTION_MIN} 个字，方便师傅准备工具和材料`;
  else if (description.length > DESCRIPTION_MAX) errors.description = `描述不能超过 ${DESCRIPTION_MAX} 字`;
  if (photos.pending > 0) errors.mediaIds = '照片还在上传，请稍候';
  else if (photos.failed > 0) errors.mediaIds = '有照片上传失败，请重试或删除';
  if (draft.preferredDate && !draft.preferredWindow) errors.preferred = '请选择上门时段';
  else if (!draft.preferredDate && draft.preferredWindow) errors.preferred = '请选择上门日期';
  else if (draft.preferredDate && draft.preferredDate < localDate(today)) errors.preferred = '上门日期不能早于今天';
  else if (draft.preferredDate && draft.preferredDate > preferredDateRange(today).end)
    errors.preferred = `上门日期最多选 ${PREFERRED_DAYS_AHEAD} 天内`;
  return errors;
}

export function hasReportErrors(errors: ReportFormErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** The dates the 期望上门时间 picker offers: today to today + PREFERRED_DAYS_AHEAD, in the phone's calendar. */
export function preferredDateRange(now = new Date()): { start: string; end: string } {
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + PREFERRED_DAYS_AHEAD);
  return { start: localDate(now), end: localDate(end) };
}

function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "2026-11-23" + 14 → the ISO instant of 14:00 on that day in the phone's time zone. */
function atHour(date: string, hour: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d, hour, 0, 0).toISOString();
}

/** Only call with a draft that passed validation. */
export function toCreateTicketRequest(draft: IReportDraft, mediaIds: number[]): ICreateTicketRequest {
  if (draft.houseId === null || draft.scope === null || !draft.category) throw new Error('incomplete report draft');
  const window = TIME_WINDOWS.find((w) => w.key === draft.preferredWindow);
  const withTime = draft.preferredDate && window;
  return {
    houseId: draft.houseId,
    kind: draft.feeItemCode ? TicketKind.Service : TicketKind.Repair,
    feeItemCode: draft.feeItemCode,
    scope: draft.scope,
    category: draft.category,
    urgency: draft.urgency,
    description: draft.description.trim(),
    mediaIds,
    preferredStart: withTime ? atHour(draft.preferredDate, window.start) : null,
    preferredEnd: withTime ? atHour(draft.preferredDate, window.end) : null,
  };
}

const SERVER_FIELDS: Record<string, ReportField> = {
  houseId: 'houseId',
  scope: 'scope',
  category: 'category',
  urgency: 'urgency',
  description: 'description',
  mediaIds: 'mediaIds',
  preferredStart: 'preferred',
  preferredEnd: 'preferred',
};

/** A 422's `details.fields` next to the matching inputs (`mediaIds[0]` → photos); the rest goes to the form. */
export function reportErrorsFromServer(fields: IFieldError[]): ReportFormErrors {
  const errors: ReportFormErrors = {};
  for (const { field, message } of fields) {
    const key = SERVER_FIELDS[field.replace(/\[\d+\]$|\.\d+$/, '')] ?? 'form';
    errors[key] = errors[key] ? `${errors[key]}；${message}` : message;
  }
  return errors;
}
