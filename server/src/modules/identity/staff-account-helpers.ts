import { randomInt } from 'node:crypto';
import type { StaffAccountRecord } from './staff-account-records';

// No 0/O/1/l/I: the administrator reads this password out to a person.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** 12 characters with letters and digits, so it passes the staff password rule it is about to be replaced under. */
export function temporaryPassword(): string {
  const all = LETTERS + DIGITS;
  const chars = [LETTERS[randomInt(LETTERS.length)], DIGITS[randomInt(DIGITS.length)]];
  while (chars.length < 12) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

export /** What the audit row keeps of an account: no password hash, no phone in clear. */
function auditView(r: StaffAccountRecord) {
  return {
    name: r.name,
    username: r.username,
    status: r.status,
    mustChangePassword: r.mustChangePassword,
    grants: r.grants.map((g) => `${g.role}@${g.scopeType}:${g.scopeId}`),
  };
}
