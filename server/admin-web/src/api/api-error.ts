import { ApiError } from '@app/shared';

// The one ApiError of both clients (code, message, status, details?, requestId?) lives in @app/shared with the client core.
export { ApiError, ClientErrorCode } from '@app/shared';

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A message fit to show a person, with the request id when support may need it. */
export function describeError(error: unknown, fallback = '操作失败，请稍后重试'): string {
  if (error instanceof ApiError) {
    if (error.status >= 500 && error.requestId) return `${error.message}（请求编号 ${error.requestId}）`;
    return error.message || fallback;
  }
  return fallback;
}
