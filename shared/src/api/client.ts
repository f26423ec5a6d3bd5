import { ErrorCode, type IErrorResponse, type IFieldError } from '../errors';
import { buildPath, buildUrl, type AnyRoute, type CallInput, type HttpMethod, type ResponseOf } from './route';

/** Failures that never reached the server's error envelope. */
export const ClientErrorCode = {
  Network: 'NETWORK_ERROR',
  Timeout: 'TIMEOUT',
  BadResponse: 'BAD_RESPONSE',
  /** The access token expired and could not be renewed: the app returns to sign-in. */
  SessionExpired: 'SESSION_EXPIRED',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/**
 * Every failed API call in both clients rejects with this. Arguments in the envelope's order, the HTTP status
 * after them (0 when nothing came back). Callers switch on `code`; `message` is fit to show.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode | string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Per-field messages of a 422 VALIDATION_FAILED (`details.fields`), empty for any other error. */
  get fieldErrors(): IFieldError[] {
    const fields = (this.details as { fields?: unknown } | undefined)?.fields;
    return Array.isArray(fields) ? fields.filter(isFieldError) : [];
  }

  get isUnauthenticated(): boolean {
    return (
      this.code === ErrorCode.Unauthenticated ||
      this.code === ErrorCode.TokenExpired ||
      this.code === ClientErrorCode.SessionExpired
    );
  }
}

export function isErrorEnvelope(body: unknown): body is IErrorResponse {
  if (typeof body !== 'object' || body === null) return false;
  const { code, message } = body as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

function isFieldError(value: unknown): value is IFieldError {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && typeof v.field === 'string' && typeof v.message === 'string';
}

/** What one attempt produced, whatever the transport (fetch, XHR, Taro.request, uploadFile). */
export interface RawResponse {
  status: number;
  body: unknown;
  /** From the `x-request-id` header, for answers that are not our envelope (a gateway page). */
  requestId?: string;
}

/** Some transports (uploadFile, XHR) hand back text; JSON is parsed, anything else is kept as text. */
export function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data.trim() === '') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

/** The envelope `{ code, message, details, requestId }` → ApiError; a proxy or gateway page → BAD_RESPONSE. */
export function toApiError(res: RawResponse): ApiError {
  const body = parseBody(res.body);
  if (isErrorEnvelope(body)) {
    return new ApiError(
      body.code,
      body.message,
      res.status,
      body.details,
      typeof body.requestId === 'string' ? body.requestId : res.requestId,
    );
  }
  const message = res.status >= 500 ? `服务暂时不可用（${res.status}），请稍后重试` : `请求失败（${res.status}）`;
  return new ApiError(ClientErrorCode.BadResponse, message, res.status, undefined, res.requestId);
}

/** 2xx → the parsed body (undefined for 204); anything else throws the matching ApiError. */
export function readResult<T>(res: RawResponse): T {
  if (res.status >= 200 && res.status < 300) return (res.status === 204 ? undefined : parseBody(res.body)) as T;
  throw toApiError(res);
}

/** A request ready for any transport: the URL is complete, the body is both the value and its JSON text. */
export interface PreparedCall {
  method: HttpMethod;
  url: string;
  /** Writes always carry a JSON object: the server refuses an empty body sent as application/json. */
  body: unknown;
  json: string | undefined;
  auth: boolean;
}

const WITH_BODY: ReadonlySet<HttpMethod> = new Set<HttpMethod>(['POST', 'PUT', 'PATCH']);

export function prepareCall<R extends AnyRoute>(
  baseUrl: string,
  route: R,
  input: CallInput<R> = {} as CallInput<R>,
): PreparedCall {
  const { params, body, query } = input as { params?: Record<string, number | string>; body?: unknown; query?: object };
  const value = body ?? (WITH_BODY.has(route.method) ? {} : undefined);
  return {
    method: route.method,
    url: buildUrl(baseUrl, buildPath(route.path, params), query),
    body: value,
    json: value === undefined ? undefined : JSON.stringify(value),
    auth: route.auth,
  };
}

/** The typed arguments of a call to R: the input may be left out when R needs neither params nor body. */
export type CallArgs<R extends AnyRoute, O> =
  Partial<CallInput<R>> extends CallInput<R> ? [input?: CallInput<R> & O] : [input: CallInput<R> & O];

/**
 * One typed entry point per app: `api(ROUTES.tickets.one, { params: { id } })` answers `Promise<ITicket>`.
 * The app supplies the transport (tokens, refresh, timeouts); `O` is whatever extra it accepts per call.
 */
export function createApiCaller<O extends object = object>(
  baseUrl: string,
  transport: (call: PreparedCall, options: O) => Promise<RawResponse>,
) {
  return async function api<R extends AnyRoute>(route: R, ...[input]: CallArgs<R, O>): Promise<ResponseOf<R>> {
    const call = prepareCall(baseUrl, route, input as CallInput<R>);
    return readResult<ResponseOf<R>>(await transport(call, (input ?? {}) as O));
  };
}
