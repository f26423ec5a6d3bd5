import { monthsBetween, type IApplyVacancyRequest, type IFieldError } from '@app/shared';

export interface IVacancyDraft {
  houseId: number | null;
  fromPeriod: string;
  toPeriod: string;
  reason: string;
}

export type VacancyErrors = Partial<Record<'houseId' | 'fromPeriod' | 'toPeriod' | 'reason' | 'form', string>>;

export const REASON_MAX = 200;
/** The server's limit per application (inclusive), docs/billing.md. */
export const MAX_MONTHS = 12;

/**
 * The checks the server makes too, said before the round trip: months already billed are not discounted, so the
 * vacancy starts this month (`currentPeriod`, Asia/Shanghai) or later.
 */
export function validateVacancy(draft: IVacancyDraft, currentPeriod: string): VacancyErrors {
  const errors: VacancyErrors = {};
  if (!draft.houseId) errors.houseId = '请选择房屋';
  if (!draft.fromPeriod) errors.fromPeriod = '请选择开始月份';
  else if (draft.fromPeriod < currentPeriod) errors.fromPeriod = '开始月份不能早于本月：已出账的月份不再减免';
  if (!draft.toPeriod) errors.toPeriod = '请选择结束月份';
  else if (draft.fromPeriod && draft.toPeriod < draft.fromPeriod) errors.toPeriod = '结束月份不能早于开始月份';
  else if (draft.fromPeriod && monthsBetween(draft.fromPeriod, draft.toPeriod) >= MAX_MONTHS)
    errors.toPeriod = `一次最多申请 ${MAX_MONTHS} 个月`;
  const reason = draft.reason.trim();
  if (!reason) errors.reason = '请填写空置原因';
  else if (reason.length > REASON_MAX) errors.reason = `空置原因最多 ${REASON_MAX} 字`;
  return errors;
}

export function toVacancyRequest(draft: IVacancyDraft): IApplyVacancyRequest {
  return {
    houseId: draft.houseId as number,
    fromPeriod: draft.fromPeriod,
    toPeriod: draft.toPeriod,
    reason: draft.reason.trim(),
  };
}

const FIELDS = new Set(['houseId', 'fromPeriod', 'toPeriod', 'reason']);

/** The server's 422 fields onto the form; anything else is shown above the button. */
export function vacancyErrorsFromServer(fields: readonly IFieldError[]): VacancyErrors {
  const errors: VacancyErrors = {};
  for (const f of fields) {
    const key = (FIELDS.has(f.field) ? f.field : 'form') as keyof VacancyErrors;
    errors[key] = errors[key] ? `${errors[key]}；${f.message}` : f.message;
  }
  return errors;
}

/** "2026-03" … "2026-05" → "2026年3月–2026年5月 (3 个月)"; one month reads as itself. */
export function vacancyMonthsText(fromPeriod: string, toPeriod: string, format: (p: string) => string): string {
  const months = monthsBetween(fromPeriod, toPeriod) + 1;
  return fromPeriod === toPeriod ? format(fromPeriod) : `${format(fromPeriod)}–${format(toPeriod)}（${months} 个月）`;
}
