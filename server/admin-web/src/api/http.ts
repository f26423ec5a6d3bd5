import { ErrorCode, type ITokenPair } from '@app/shared';
import { ApiError, ClientErrorCode } from './api-error';
import { tokensFromPair, type TokenStore } from './token-store';

export { ApiError } from './api-error';

/** What one attempt at a request produced, whatever the transport (fetch or XHR). */
export interface RawResponse {
  status: number;
  body: unknown;
  requestId?: string;
}

type Send = (accessToken: string | null) => Promise<RawResponse>;

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** false for endpoints that must not carry or refresh a token (login, refresh). */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface UploadOptions {
  query?: Query;
  fieldName?: string;
  /** Extra form fields sent before the file (e.g. the media endpoint's clientUploadId). */
  fields?: Record<string, string>;
  onProgress?: (percent: number) => void;
}

export interface HttpClientOptions {
  baseUrl: string;
  tokens: TokenStore;
  fetch?: typeof fetch;
  createXhr?: () => XMLHttpRequest;
  /** Called once the session cannot be recovered (refresh failed or token revoked). */
  onSessionExpired?: () => void;
}

const NETWORK_MESSAGE = '无法连接服务器，请检查网络后重试';

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

function codeOf(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function toApiError(res: RawResponse): ApiError {
  const body = res.body as { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } | null;
  if (body && typeof body === 'object' && typeof body.code === 'string') {
    return new ApiError(
      res.status,
      body.code,
      typeof body.message === 'string' ? body.message : '请求失败',
      body.details,
      typeof body.requestId === 'string' ? body.requestId : res.requestId,
    );
  }
  // A proxy or gateway page instead of our envelope.
  const message = res.status >= 500 ? `服务器暂时不可用（${res.status}），请稍后重试` : `请求失败（${res.status}）`;
  return new ApiError(res.status, ClientErrorCode.BadResponse, message, undefined, res.requestId);
}

async function readFetchResponse(response: Response, asBlob: boolean): Promise<RawResponse> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (response.status === 204) return { status: 204, body: undefined, requestId };
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      return { status: response.status, body: await response.json(), requestId };
    } catch {
      return { status: response.status, body: null, requestId };
    }
  }
  if (asBlob && response.ok) return { status: response.status, body: await response.blob(), requestId };
  return { status: response.status, body: await response.text(), requestId };
}

function parseXhrBody(xhr: XMLHttpRequest): unknown {
  if (xhr.status === 204 || !xhr.responseText) return undefined;
  try {
    return JSON.parse(xhr.responseText);
  } catch {
    return xhr.responseText;
  }
}

export function createHttpClient(options: HttpClientOptions) {
  const { baseUrl, tokens } = options;
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const createXhr = options.createXhr ?? (() => new XMLHttpRequest());
  // Concurrent requests that all see TOKEN_EXPIRED share one refresh: the server rotates refresh tokens,
  // so a second refresh with the old token would be treated as reuse.
  let refreshing: Promise<boolean> | null = null;

  function fetchSender(method: string, path: string, opts: RequestOptions, asBlob = false): Send {
    return async (accessToken) => {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
      let body: BodyInit | undefined;
      if (opts.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(opts.body);
      }
      let response: Response;
      try {
        response = await fetchImpl(buildUrl(baseUrl, path, opts.query), { method, headers, body, signal: opts.signal });
      } catch (error) {
        if ((error as { name?: string })?.name === 'AbortError') throw error;
        throw new ApiError(0, ClientErrorCode.Network, NETWORK_MESSAGE);
      }
      return readFetchResponse(response, asBlob);
    };
  }

  function xhrSender(path: string, file: Blob, fileName: string, opts: UploadOptions): Send {
    return (accessToken) =>
      new Promise<RawResponse>((resolve, reject) => {
        const xhr = createXhr();
        xhr.open('POST', buildUrl(baseUrl, path, opts.query));
        xhr.setRequestHeader('Accept', 'application/json');
        if (accessToken) xhr.setRequestHeader('Authorization', `Bearer ${accessToken}`);
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable) opts.onProgress?.(Math.round((event.loaded / event.total) * 100));
        };
        xhr.onload = () =>
          resolve({
            status: xhr.status,
            body: parseXhrBody(xhr),
            requestId: xhr.getResponseHeader('x-request-id') ?? undefined,
          });
        xhr.onerror = () => reject(new ApiError(0, ClientErrorCode.Network, NETWORK_MESSAGE));
        const form = new FormData();
        for (const [name, value] of Object.entries(opts.fields ?? {})) form.append(name, value);
        form.append(opts.fieldName ?? 'file', file, fileName);
        xhr.send(form);
      });
  }

  function refresh(): Promise<boolean> {
    if (refreshing) return refreshing;
    const refreshToken = tokens.get()?.refreshToken;
    if (!refreshToken) return Promise.resolve(false);
    refreshing = (async () => {
      try {
        const res = await fetchSender('POST', '/auth/refresh', { body: { refreshToken } })(null);
        if (res.status < 200 || res.status >= 300) return false;
        tokens.set(tokensFromPair(res.body as ITokenPair));
        return true;
      } catch {
        return false;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  function expireSession(): void {
    tokens.clear();
    options.onSessionExpired?.();
  }

  async function execute<T>(send: Send, auth: boolean): Promise<T> {
    const sentToken = auth ? (tokens.get()?.accessToken ?? null) : null;
    let res = await send(sentToken);
    if (sentToken && res.status === 401 && codeOf(res.body) === ErrorCode.TokenExpired) {
      // Another request may already have refreshed while this one was in flight.
      const current = tokens.get()?.accessToken;
      const fresh = current && current !== sentToken ? true : await refresh();
      if (!fresh) {
        expireSession();
        throw new ApiError(401, ClientErrorCode.SessionExpired, '登录已过期，请重新登录');
      }
      res = await send(tokens.get()?.accessToken ?? null);
    }
    if (sentToken && res.status === 401) expireSession();
    if (res.status >= 400) throw toApiError(res);
    return res.body as T;
  }

  return {
    request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
      return execute<T>(fetchSender(method, path, opts), opts.auth !== false);
    },
    get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
      return execute<T>(fetchSender('GET', path, { query, signal }), true);
    },
    post<T>(path: string, body?: unknown, query?: Query): Promise<T> {
      return execute<T>(fetchSender('POST', path, { body, query }), true);
    },
    put<T>(path: string, body?: unknown): Promise<T> {
      return execute<T>(fetchSender('PUT', path, { body }), true);
    },
    patch<T>(path: string, body?: unknown): Promise<T> {
      return execute<T>(fetchSender('PATCH', path, { body }), true);
    },
    /** Multipart upload through XHR, because fetch cannot report upload progress. */
    upload<T>(path: string, file: Blob, fileName: string, opts: UploadOptions = {}): Promise<T> {
      return execute<T>(xhrSender(path, file, fileName, opts), true);
    },
    /** Authenticated GET of a file (a plain link would not carry the bearer token). */
    getBlob(path: string): Promise<Blob> {
      return execute<Blob>(fetchSender('GET', path, {}, true), true);
    },
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
