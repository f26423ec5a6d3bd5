import { ErrorCode, type IErrorResponse, type IFieldError } from '@app/shared'

/** Client-side failures that never reached the server or came back unreadable. */
export const ClientErrorCode = {
  Network: 'NETWORK_ERROR',
  Timeout: 'TIMEOUT',
  BadResponse: 'BAD_RESPONSE',
} as const
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode]

/** Every failed API call surfaces as this. Callers switch on `code`; `message` is fit to show. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode | string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  static fromEnvelope(status: number, body: IErrorResponse): ApiError {
    return new ApiError(body.code, body.message, status, body.details, body.requestId)
  }

  /** Per-field messages of a 422 (`details.fields`), empty for any other error. */
  get fieldErrors(): IFieldError[] {
    const fields = (this.details as { fields?: unknown } | undefined)?.fields
    return Array.isArray(fields) ? fields.filter(isFieldError) : []
  }

  get isUnauthenticated(): boolean {
    return this.code === ErrorCode.Unauthenticated || this.code === ErrorCode.TokenExpired
  }
}

export function isErrorEnvelope(body: unknown): body is IErrorResponse {
  if (typeof body !== 'object' || body === null) return false
  const { code, message } = body as Record<string, unknown>
  return typeof code === 'string' && typeof message === 'string'
}

function isFieldError(value: unknown): value is IFieldError {
  const v = value as Record<string, unknown> | null
  return typeof v === 'object' && v !== null && typeof v.field === 'string' && typeof v.message === 'string'
}

/** A message for anything thrown, for toasts and inline error states. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return '操作失败，请稍后重试'
}
