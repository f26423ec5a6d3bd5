import { DomainException } from '../../../common/domain.exception';
import { isUniqueViolation } from '../../../database/errors';

/** Two first writes of the same row at once: the unique key refuses the second; answer 409, not 500. */
export async function refuseDuplicate<T>(work: Promise<T>, message = '数据刚被他人同时修改，请刷新后再试'): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw DomainException.conflict(message);
    throw error;
  }
}
