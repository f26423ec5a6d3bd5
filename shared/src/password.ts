/** bcrypt reads at most 72 bytes; the server refuses longer new passwords (ChangePasswordDto). */
export const PASSWORD_MAX_LENGTH = 72;

/** The staff password rule as the change-password forms state it, next to the fields. */
export const PASSWORD_RULE_TEXT = '至少 8 位，须同时包含字母和数字';

/** Staff passwords: 8+ characters with letters and digits (ASVS V6 baseline for a staff console). Null when acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  return null;
}
