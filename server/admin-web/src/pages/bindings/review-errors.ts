import { ErrorCode } from '@app/shared';
import { ApiError, describeError } from '../../api/api-error';

export type ReviewFailure = { conflict: true; message: string } | { conflict: false; message: string };

/** A review that lost the race to a colleague is not an error to the user: the list just refreshes. */
export function reviewFailure(error: unknown): ReviewFailure {
  if (error instanceof ApiError && (error.code === ErrorCode.StateConflict || error.status === 409)) {
    return { conflict: true, message: '已被他人处理，列表已刷新' };
  }
  return { conflict: false, message: describeError(error, '操作失败，请稍后重试') };
}
