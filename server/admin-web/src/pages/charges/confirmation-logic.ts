import { CHARGE_CONFIRMED_VIA_LABELS, ErrorCode, Permission, roleCan, type ICharge, type Role } from '@app/shared';
import { describeError, isApiError } from '../../api/api-error';

/** How the console shows a charge's confirmation: 未确认 (red) until the resident stands behind it. */
export function confirmationView(c: Pick<ICharge, 'confirmation' | 'confirmedVia'>): {
  label: string;
  color: string;
  detail: string | null;
} {
  if (c.confirmation === 'unconfirmed')
    return { label: '未确认', color: 'red', detail: '签字在师傅手机上完成，待业主确认（不计账单、不可收现金）' };
  return {
    label: '已确认',
    color: 'green',
    detail: c.confirmedVia ? CHARGE_CONFIRMED_VIA_LABELS[c.confirmedVia] : null,
  };
}

/** Only the customer manager records a phone confirmation, and only while the charge is unconfirmed. */
export function canRecordPhoneConfirmation(c: Pick<ICharge, 'confirmation'>, roles: readonly Role[]): boolean {
  return c.confirmation === 'unconfirmed' && roleCan(roles, Permission.ChargePhoneConfirm);
}

export const PHONE_NOTE_MAX = 200;

/** The note says who confirmed and when; required, like the server's `note`. */
export function validatePhoneNote(note: string | undefined): string | null {
  const text = (note ?? '').trim();
  if (!text) return '请填写电话确认的情况（如通话时间、确认人）';
  if (text.length > PHONE_NOTE_MAX) return `不能超过 ${PHONE_NOTE_MAX} 字`;
  return null;
}

/** Someone confirmed first (the resident in the app, or a colleague): say so rather than a bare conflict. */
export function phoneConfirmErrorMessage(error: unknown): string {
  if (isApiError(error, ErrorCode.StateConflict)) return '该费用已确认（业主可能已在小程序确认），已为您刷新';
  return describeError(error);
}
