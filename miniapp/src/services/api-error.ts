import { ApiError } from '@app/shared';

// The one ApiError of both clients (code, message, status, details?, requestId?) lives in @app/shared with the client core.
export { ApiError, ClientErrorCode, isErrorEnvelope } from '@app/shared';

/** A message for anything thrown, for toasts and inline error states. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}
