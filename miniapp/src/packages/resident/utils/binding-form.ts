import { isMainlandMobile, type BindingRelation, type ICreateBindingRequest, type IFieldError } from '@app/shared';

export interface IBindingDraft {
  houseId: number | null;
  relation: BindingRelation | null;
  name: string;
  phone: string;
}

export type BindingField = 'houseId' | 'relation' | 'name' | 'phone';
/** Per-field messages; `form` holds what belongs to no single field. */
export type BindingFormErrors = Partial<Record<BindingField | 'form', string>>;

const NAME_MAX = 32;
const FIELDS: readonly BindingField[] = ['houseId', 'relation', 'name', 'phone'];

export const emptyDraft = (): IBindingDraft => ({ houseId: null, relation: null, name: '', phone: '' });

/** Digits only: residents paste numbers like "138 0000 1234" or "138-0000-1234". */
export function normalizePhone(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/** Same rules as the server's CreateBindingDto, so most mistakes are caught before sending. */
export function validateBindingDraft(draft: IBindingDraft): BindingFormErrors {
  const errors: BindingFormErrors = {};
  if (draft.houseId === null) errors.houseId = '请选择房屋（小区、楼栋、单元、房号）';
  if (draft.relation === null) errors.relation = '请选择与房屋的关系';
  const name = draft.name.trim();
  if (name === '') errors.name = '请填写姓名';
  else if (name.length > NAME_MAX) errors.name = `姓名不能超过 ${NAME_MAX} 个字符`;
  const phone = normalizePhone(draft.phone);
  if (phone === '') errors.phone = '请填写手机号';
  else if (!isMainlandMobile(phone)) errors.phone = '请填写有效的 11 位手机号';
  return errors;
}

export function hasErrors(errors: BindingFormErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** Only call with a draft that passed validation. */
export function toBindingRequest(draft: IBindingDraft): ICreateBindingRequest {
  if (draft.houseId === null || draft.relation === null) throw new Error('incomplete binding draft');
  return {
    houseId: draft.houseId,
    relation: draft.relation,
    name: draft.name.trim(),
    phone: normalizePhone(draft.phone),
  };
}

/** A 422's `details.fields` placed next to the matching inputs; unknown fields go to the form. */
export function fieldErrorsFromServer(fields: IFieldError[]): BindingFormErrors {
  const errors: BindingFormErrors = {};
  for (const { field, message } of fields) {
    const key = (FIELDS as readonly string[]).includes(field) ? (field as BindingField) : 'form';
    errors[key] = errors[key] ? `${errors[key]}；${message}` : message;
  }
  return errors;
}
