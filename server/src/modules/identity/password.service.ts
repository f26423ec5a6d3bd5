import { Injectable } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';

const COST = 10;
// Compared against when the account does not exist, so timing does not reveal which logins exist.
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', COST);

@Injectable()
export class PasswordService {
  hash(password: string): Promise<string> {
    return bcrypt.hash(password, COST);
  }

  async verify(password: string, hash: string | null): Promise<boolean> {
    const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
    return ok && hash !== null;
  }
}

/** Staff passwords: 8+ characters with letters and digits (ASVS V6 baseline for a staff console). */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  return null;
}
