import { ErrorCode } from '@app/shared';
import { ApiError, describeError } from '../../api/api-error';
import { formatDateTime } from '../../lib/time';

interface LockDetails {
  lockedUntil?: unknown;
  retryAfterSeconds?: unknown;
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} 秒`;
  return `${Math.ceil(seconds / 60)} 分钟`;
}

/** What the login form says for a failed sign-in. Worded for staff; never echoes which half was wrong. */
export function loginErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return '登录失败，请稍后重试';
  const details = (error.details ?? {}) as LockDetails;
  const retryAfter = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : null;
  switch (error.code) {
    case ErrorCode.InvalidCredentials:
      // The server answers a locked account exactly like a wrong password (no telling which accounts
      // exist or are locked), so the form names both possibilities.
      return '账号或密码错误；连续输错多次后账号会临时锁定，请稍后再试或联系管理员';
    case ErrorCode.AccountLocked: {
      const until = typeof details.lockedUntil === 'string' ? formatDateTime(details.lockedUntil) : '';
      if (until) return `密码错误次数过多，账号已临时锁定，将于 ${until} 自动解锁`;
      if (retryAfter !== null) return `密码错误次数过多，账号已临时锁定，约 ${waitText(retryAfter)}后自动解锁`;
      return '密码错误次数过多，账号已临时锁定，请稍后再试或联系管理员';
    }
    case ErrorCode.RateLimited:
      return retryAfter !== null
        ? `登录尝试过于频繁，请 ${waitText(retryAfter)}后再试`
        : '登录尝试过于频繁，请稍后再试';
    case ErrorCode.AccountDisabled:
      return '账号已停用，请联系系统管理员';
    case ErrorCode.ValidationFailed:
      return '请检查填写的内容';
    default:
      return describeError(error, '登录失败，请稍后重试');
  }
}
