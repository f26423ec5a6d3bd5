import {
  COMPLAINT_CATEGORIES,
  type ComplaintCategory,
  type ICreateComplaintRequest,
  type IFieldError,
} from '@app/shared';

export const COMPLAINT_DESCRIPTION_MAX = 1000;
export const COMPLAINT_PHOTOS_MAX = 9;
export const DISPUTE_MAX = 500;

export interface IComplaintDraft {
  houseId: number | null;
  ticketId: number | null;
  category: ComplaintCategory | null;
  description: string;
}

export type ComplaintField = 'houseId' | 'category' | 'description' | 'mediaIds' | 'form';
export type ComplaintErrors = Partial<Record<ComplaintField, string>>;

export const CATEGORY_OPTIONS = (Object.keys(COMPLAINT_CATEGORIES) as ComplaintCategory[]).map((code) => ({
  code,
  name: COMPLAINT_CATEGORIES[code],
}));

/** What the form checks before sending (the server checks the same and names the fields). */
export function validateComplaint(d: IComplaintDraft, photos: { pending: number; failed: number }): ComplaintErrors {
  const errors: ComplaintErrors = {};
  if (d.houseId === null && d.ticketId === null) errors.houseId = '请选择投诉涉及的房屋';
  if (!d.category) errors.category = '请选择投诉类别';
  const text = d.description.trim();
  if (!text) errors.description = '请填写投诉内容';
  else if (text.length < 5) errors.description = '请把情况说清楚一些（至少 5 个字）';
  else if (text.length > COMPLAINT_DESCRIPTION_MAX)
    errors.description = `投诉内容不能超过 ${COMPLAINT_DESCRIPTION_MAX} 字`;
  if (photos.pending > 0) errors.mediaIds = '照片还在上传，请稍候';
  else if (photos.failed > 0) errors.mediaIds = '有照片上传失败，请点击重试或删除';
  return errors;
}

export const hasErrors = (e: ComplaintErrors): boolean => Object.values(e).some(Boolean);

export function toComplaintRequest(d: IComplaintDraft, mediaIds: number[]): ICreateComplaintRequest {
  return {
    ...(d.ticketId !== null ? { ticketId: d.ticketId } : {}),
    ...(d.houseId !== null ? { houseId: d.houseId } : {}),
    category: d.category as ComplaintCategory,
    description: d.description.trim(),
    ...(mediaIds.length ? { mediaIds } : {}),
  };
}

export function complaintErrorsFromServer(fields: IFieldError[]): ComplaintErrors {
  const out: ComplaintErrors = {};
  for (const f of fields) {
    const key = (['houseId', 'category', 'description', 'mediaIds'] as ComplaintField[]).find(
      (k) => f.field === k || f.field.startsWith(`${k}.`),
    );
    if (key) out[key] = f.message;
    else if (f.field === 'ticketId') out.houseId = f.message;
    else out.form = f.message;
  }
  return out;
}

/** "还需 23 分钟" style countdown text for a deadline (or 已超时). */
export function deadlineText(dueAt: string, metAt: string | null, now = Date.now()): string {
  if (metAt) return new Date(metAt).getTime() <= new Date(dueAt).getTime() ? '已按时完成' : '已完成（超时）';
  const left = new Date(dueAt).getTime() - now;
  if (left <= 0) return '已超时';
  const minutes = Math.ceil(left / 60_000);
  return minutes >= 60 ? `剩余 ${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分` : `剩余 ${minutes} 分钟`;
}
