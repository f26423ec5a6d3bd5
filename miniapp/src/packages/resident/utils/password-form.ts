import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_RULE_TEXT,
  passwordProblem,
  type IChangePasswordRequest,
  type IFieldError,
} from '@app/shared';

/** 修改密码: what the person typed. `confirm` never leaves the phone. */
export interface IPasswordDraft {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export type PasswordField = keyof IPasswordDraft;
/** One message per field, plus `form` for what belongs to no field. */
export type PasswordFormErrors = Partial<Record<PasswordField | 'form', string>>;

const FIELDS: readonly PasswordField[] = ['currentPassword', 'newPassword', 'confirm'];

/** The rules shown above the fields: the shared staff password rule, and the two the server adds. */
export const PASSWORD_RULES: readonly string[] = [
  PASSWORD_RULE_TEXT,
  '不能与当前密码相同',
  `不超过 ${PASSWORD_MAX_LENGTH} 位`,
];

export function emptyPasswordDraft(): IPasswordDraft {
  return { currentPassword: '', newPassword: '', confirm: '' };
}

/** The server's checks, run before sending, with the server's wording (StaffAccountsService.changeOwnPassword, ChangePasswordDto). */
export function validatePasswordDraft(draft: IPasswordDraft): PasswordFormErrors {
  const errors: PasswordFormErrors = {};
  if (draft.currentPassword === '') errors.currentPassword = '请输入当前密码';
  if (draft.newPassword === '') errors.newPassword = '请输入新密码';
  else if (draft.newPassword.length > PASSWORD_MAX_LENGTH)
    errors.newPassword = `新密码不能超过 ${PASSWORD_MAX_LENGTH} 位`;
  else {
    const problem = passwordProblem(draft.newPassword);
    if (problem) errors.newPassword = problem;
    else if (draft.newPassword === draft.currentPassword) errors.newPassword = '新密码不能与当前密码相同';
  }
  if (draft.confirm === '') errors.confirm = '请再次输入新密码';
  else if (draft.newPassword !== '' && draft.confirm !== draft.newPassword) errors.confirm = '两次输入的新密码不一致';
  return errors;
}

export function hasPasswordErrors(errors: PasswordFormErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** Passwords are sent exactly as typed: a space is a character of the password, not noise. */
export function toChangePasswordRequest(draft: IPasswordDraft): IChangePasswordRequest {
  return { currentPassword: draft.currentPassword, newPassword: draft.newPassword };
}

/** A 422's per-field messages under the fields they name (当前密码不正确 under 当前密码); others under the form. */
export function passwordErrorsFromServer(fields: IFieldError[]): PasswordFormErrors {
  const errors: PasswordFormErrors = {};
  for (const { field, message } of fields) {
    const key = (FIELDS as readonly string[]).includes(field) ? (field as PasswordField) : 'form';
    errors[key] = errors[key] ? `${errors[key]}；${message}` : message;
  }
  return errors;
}
