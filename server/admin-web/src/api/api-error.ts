import type { IFieldError } from '@app/shared';

/** Client-side codes for failures that never reached the server's error envelope. */
export const ClientErrorCode = {
  Network: 'NETWORK_ERROR',
  BadResponse: 'BAD_RESPONSE',
  SessionExpired: 'SESSION_EXPIRED',
} as const;

/** Every failed API call rejects with this, carrying the server's `{ code, message, details, requestId }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Per-field messages of a 422 VALIDATION_FAILED (`details.fields`). */
  get fieldErrors(): IFieldError[] {
    const fields = (this.details as { fields?: unknown } | undefined)?.fields;
    if (!Array.isArray(fields)) return [];
    return fields.filter(
      (f): f is IFieldError =>
        typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.message === 'string',
    );
  }
}

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
