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

/** The rule lives in shared so the console checks the same thing before sending. */
export { passwordProblem } from '@app/shared';
