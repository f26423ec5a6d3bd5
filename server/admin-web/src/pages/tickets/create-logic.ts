import type { ICreateTicketRequest, TicketChannel, TicketKind, Urgency } from '@app/shared';

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

export type CreateBuild = { ok: true; body: ICreateTicketRequest } | { ok: false; field: keyof CreateFormValues; message: string };

/** The form → POST /api/tickets, with the rules the server enforces for staff-recorded requests. */
export function buildCreateRequest(v: CreateFormValues, projectId: number): CreateBuild {
  const description = (v.description ?? '').trim();
  const phone = (v.contactPhone ?? '').trim();
  if (v.place === 'home' && !v.houseId) return { ok: false, field: 'houseId', message: '请选择房屋' };
  if (!v.category?.trim()) return { ok: false, field: 'category', message: '请选择类别' };
  if (v.kind === 'service' && !v.feeItemCode) return { ok: false, field: 'feeItemCode', message: '特约服务须选择收费项目' };
  if (!description) return { ok: false, field: 'description', message: '请填写问题描述' };
  if (!/^1[3-9]\d{9}$/.test(phone)) return { ok: false, field: 'contactPhone', message: '请填写有效的 11 位手机号' };
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
  return { ok: true, body };
}
