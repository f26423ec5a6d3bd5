import Taro from '@tarojs/taro';
import {
  ErrorCode,
  ROUTES,
  buildUrl as buildUrlFrom,
  createApiCaller,
  parseBody,
  readResult,
  type HttpMethod,
  type QueryValue,
  type RawResponse,
} from '@app/shared';
import { ApiError, ClientErrorCode, isErrorEnvelope } from './api-error';
import { API_BASE_URL, REQUEST_TIMEOUT_MS, UPLOAD_TIMEOUT_MS } from './config';
import { endSession, readSession, requirePasswordChange, saveSession } from './session';

/**
 * The one place the mini-program talks to the network: the shared client core (route table, URL, body, error
 * envelope) over Taro.request, plus what only this app does (stored session, token refresh, timeouts).
 * Pages use the typed functions in services/api/.
 */

export type { QueryValue } from '@app/shared';

export interface IRequestOptions {
  query?: Record<string, QueryValue>;
  data?: unknown;
  /** false for calls made before sign-in (meta, login). Default true: send the access token if there is one. */
  auth?: boolean;
  /** Sent as `Idempotency-Key` so a retried write is applied once. */
  idempotencyKey?: string;
  timeout?: number;
}

/** What a typed call may add to the route's params, body and query. */
export interface ICallOptions {
  idempotencyKey?: string;
  timeout?: number;
}

export interface IUploadOptions {
  /** Multipart field name of the file. */
  name?: string;
  formData?: Record<string, string>;
  idempotencyKey?: string;
  /** 0–100 as the platform reports it (weapp UploadTask / H5 XHR progress); not called where unsupported. */
  onProgress?: (percent: number) => void;
}

type Transport = (header: Record<string, string>) => Promise<RawResponse>;

export const REFRESH_PATH = ROUTES.auth.refresh.path;

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  return buildUrlFrom(API_BASE_URL, path, query);
}

/** Writes always carry a JSON body: wx.request sends `application/json` by default, and the server refuses an empty JSON body. */
const WITH_BODY: ReadonlySet<HttpMethod> = new Set<HttpMethod>(['POST', 'PUT', 'PATCH']);

function taroRequest(method: HttpMethod, url: string, data: unknown, timeout = REQUEST_TIMEOUT_MS): Transport {
  return (header) =>
    Taro.request({
      url,
      method,
      data: data as TaroGeneral.IAnyObject | undefined,
      header: { Accept: 'application/json', 'Content-Type': 'application/json', ...header },
      timeout,
      dataType: 'json',
    }).then((res) => ({ status: res.statusCode, body: res.data as unknown }));
}

/** `api(ROUTES.tickets.one, { params: { id } })` → `Promise<ITicket>`: the route decides method, path, body and sign-in. */
export const api = createApiCaller<ICallOptions>(API_BASE_URL, async (call, options) =>
  send(taroRequest(call.method, call.url, call.body, options.timeout), call.auth, options.idempotencyKey),
);

/** Untyped escape hatch for a path outside the route table (tests, one-off tools). */
export async function request<T>(method: HttpMethod, path: string, options: IRequestOptions = {}): Promise<T> {
  const data = options.data ?? (WITH_BODY.has(method) ? {} : undefined);
  const transport = taroRequest(method, buildUrl(path, options.query), data, options.timeout);
  return readResult<T>(await send(transport, options.auth ?? true, options.idempotencyKey));
}

export const http = {
  get: <T>(path: string, options?: IRequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, data?: unknown, options?: IRequestOptions) => request<T>('POST', path, { ...options, data }),
  put: <T>(path: string, data?: unknown, options?: IRequestOptions) => request<T>('PUT', path, { ...options, data }),
  patch: <T>(path: string, data?: unknown, options?: IRequestOptions) =>
    request<T>('PATCH', path, { ...options, data }),
  delete: <T>(path: string, options?: IRequestOptions) => request<T>('DELETE', path, options),
};

/** One file per call (the platform's limit). `uploadFile` answers with a string body and never rejects on 4xx/5xx. */
export async function upload<T>(path: string, filePath: string, options: IUploadOptions = {}): Promise<T> {
  const url = buildUrl(path);
  const transport: Transport = (header) => {
    const task = Taro.uploadFile({
      url,
      filePath,
      name: options.name ?? 'file',
      formData: options.formData,
      header: { Accept: 'application/json', ...header },
      timeout: UPLOAD_TIMEOUT_MS,
    });
    const { onProgress } = options;
    // The returned promise doubles as the UploadTask on both platforms; guarded because stand-ins may lack it.
    const progressive = task as { onProgressUpdate?: (cb: (r: { progress: number }) => void) => void };
    if (onProgress && typeof progressive.onProgressUpdate === 'function')
      progressive.onProgressUpdate((r) => onProgress(r.progress));
    return task.then((res) => ({ status: res.statusCode, body: res.data }));
  };
  return readResult<T>(await send(transport, true, options.idempotencyKey));
}

/** One attempt, and one retry after renewing an expired access token; the answer is left to the client core. */
async function send(transport: Transport, auth: boolean, idempotencyKey?: string): Promise<RawResponse> {
  const session = auth ? readSession() : null;
  const first = await attempt(transport, session?.accessToken, idempotencyKey);
  if (!session || !isExpiredToken(first)) return announcePasswordChange(first);

  const renewed = await renewAfterExpiry(session.accessToken);
  if (!renewed) throw new ApiError(ErrorCode.Unauthenticated, '登录已过期，请重新登录', 401);
  return announcePasswordChange(await attempt(transport, renewed, idempotencyKey));
}

/** The server refuses everything but 修改密码 to an account with an administrator's password: the app goes there. */
function announcePasswordChange(res: RawResponse): RawResponse {
  if (res.status === 403 && errorCodeOf(res) === ErrorCode.PasswordChangeRequired) requirePasswordChange();
  return res;
}

function errorCodeOf(res: RawResponse): string | undefined {
  const body = parseBody(res.body);
  return isErrorEnvelope(body) ? body.code : undefined;
}

async function attempt(
  transport: Transport,
  accessToken: string | undefined,
  idempotencyKey?: string,
): Promise<RawResponse> {
  const header: Record<string, string> = {};
  if (accessToken) header.Authorization = `Bearer ${accessToken}`;
  if (idempotencyKey) header['Idempotency-Key'] = idempotencyKey;
  try {
    return await transport(header);
  } catch (error) {
    throw networkError(error);
  }
}

function isExpiredToken(res: RawResponse): boolean {
  return res.status === 401 && errorCodeOf(res) === ErrorCode.TokenExpired;
}

function networkError(error: unknown): ApiError {
  const text = String((error as { errMsg?: string; message?: string })?.errMsg ?? (error as Error)?.message ?? '');
  return /timeout|超时/i.test(text)
    ? new ApiError(ClientErrorCode.Timeout, '请求超时，请稍后重试', 0)
    : new ApiError(ClientErrorCode.Network, '网络连接失败，请检查网络后重试', 0);
}

/**
 * For downloads that cannot go through `api` (Taro.downloadFile, fetch of a PDF): after a 401 with the token
 * they sent, the renewed token to try once more with, or null when the session is over.
 */
export function renewedAccessToken(expired: string): Promise<string | null> {
  return renewAfterExpiry(expired);
}

let refreshing: Promise<string | null> | null = null;

/**
 * Returns an access token newer than `expired`, or null when the session is over (cleared and announced).
 * Concurrent callers share one refresh call: refresh tokens rotate, and reusing one revokes the session.
 */
async function renewAfterExpiry(expired: string): Promise<string | null> {
  const current = readSession();
  if (!current) return null;
  if (current.accessToken !== expired) return current.accessToken;
  refreshing ??= refreshTokens(current.refreshToken).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function refreshTokens(refreshToken: string): Promise<string | null> {
  try {
    const pair = await api(ROUTES.auth.refresh, { body: { refreshToken } });
    return saveSession(pair).accessToken;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      endSession();
      return null;
    }
    throw error;
  }
}
