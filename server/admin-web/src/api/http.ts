import {
  ApiError,
  ClientErrorCode,
  ErrorCode,
  ROUTES,
  buildUrl,
  createApiCaller,
  parseBody,
  readResult,
  type HttpMethod,
  type ITokenPair,
  type QueryValue,
  type RawResponse,
} from '@app/shared';
import { tokensFromPair, type TokenStore } from './token-store';

/**
 * The console's transport under the shared client core: fetch (XHR for uploads, which report progress), the
 * bearer token from the tab's store, and one shared refresh when the access token expires.
 */

export { ApiError } from '@app/shared';
export { buildUrl, toApiError, type RawResponse } from '@app/shared';

type Send = (accessToken: string | null) => Promise<RawResponse>;

export type Query = Record<string, QueryValue>;
export type { QueryValue };

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** false for endpoints that must not carry or refresh a token (login, refresh). */
  auth?: boolean;
  signal?: AbortSignal;
}

/** What a typed call may add to the route's params, body and query. */
export interface CallOptions {
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
  /** Prefix of the table's `/api/...` paths: '' when the console is served by the API's own origin. */
  baseUrl: string;
  tokens: TokenStore;
  fetch?: typeof fetch;
  createXhr?: () => XMLHttpRequest;
  /** Called once the session cannot be recovered (refresh failed or token revoked). */
  onSessionExpired?: () => void;
}

const NETWORK_MESSAGE = '无法连接服务器，请检查网络后重试';

function codeOf(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
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

export function createHttpClient(options: HttpClientOptions) {
  const { baseUrl, tokens } = options;
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const createXhr = options.createXhr ?? (() => new XMLHttpRequest());
  // Concurrent requests that all see TOKEN_EXPIRED share one refresh: the server rotates refresh tokens,
  // so a second refresh with the old token would be treated as reuse.
  let refreshing: Promise<boolean> | null = null;

  /** `json` is the body already serialised by the client core (or JSON.stringify of a raw call's body). */
  function fetchSender(
    method: string,
    url: string,
    json: string | undefined,
    signal?: AbortSignal,
    asBlob = false,
  ): Send {
    return async (accessToken) => {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
      if (json !== undefined) headers['Content-Type'] = 'application/json';
      let response: Response;
      try {
        response = await fetchImpl(url, { method, headers, body: json, signal });
      } catch (error) {
        if ((error as { name?: string })?.name === 'AbortError') throw error;
        throw new ApiError(ClientErrorCode.Network, NETWORK_MESSAGE, 0);
      }
      return readFetchResponse(response, asBlob);
    };
  }

  function rawSender(method: string, path: string, opts: RequestOptions, asBlob = false): Send {
    // Paths used to be relative to /api; a leftover one would now miss the API and answer the console's index page.
    if (!path.startsWith('/api/'))
      throw new Error(`console http: ${path} must be a full /api/… path (better: a ROUTES entry in @app/shared)`);
    const json = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    return fetchSender(method, buildUrl(baseUrl, path, opts.query), json, opts.signal, asBlob);
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
            body: xhr.status === 204 ? undefined : parseBody(xhr.responseText),
            requestId: xhr.getResponseHeader('x-request-id') ?? undefined,
          });
        xhr.onerror = () => reject(new ApiError(ClientErrorCode.Network, NETWORK_MESSAGE, 0));
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
        const refreshCall = ROUTES.auth.refresh;
        const res = await rawSender(refreshCall.method, refreshCall.path, { body: { refreshToken } })(null);
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

  /** One attempt, one retry after a shared refresh; the answer is left to the client core. */
  async function execute(send: Send, auth: boolean): Promise<RawResponse> {
    const sentToken = auth ? (tokens.get()?.accessToken ?? null) : null;
    let res = await send(sentToken);
    if (sentToken && res.status === 401 && codeOf(res.body) === ErrorCode.TokenExpired) {
      // Another request may already have refreshed while this one was in flight.
      const current = tokens.get()?.accessToken;
      const fresh = current && current !== sentToken ? true : await refresh();
      if (!fresh) {
        expireSession();
        throw new ApiError(ClientErrorCode.SessionExpired, '登录已过期，请重新登录', 401);
      }
      res = await send(tokens.get()?.accessToken ?? null);
    }
    if (sentToken && res.status === 401) expireSession();
    return res;
  }

  const run = async <T>(send: Send, auth: boolean): Promise<T> => readResult<T>(await execute(send, auth));

  return {
    /** Typed call through the shared route table: `api(ROUTES.tickets.one, { params: { id } })`. */
    api: createApiCaller<CallOptions>(baseUrl, (call, opts) =>
      execute(fetchSender(call.method, call.url, call.json, opts.signal), call.auth),
    ),
    /** Untyped calls by path (tests, and paths outside the table). */
    request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
      return run<T>(rawSender(method, path, opts), opts.auth !== false);
    },
    get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
      return run<T>(rawSender('GET', path, { query, signal }), true);
    },
    post<T>(path: string, body?: unknown, query?: Query): Promise<T> {
      return run<T>(rawSender('POST', path, { body, query }), true);
    },
    put<T>(path: string, body?: unknown): Promise<T> {
      return run<T>(rawSender('PUT', path, { body }), true);
    },
    patch<T>(path: string, body?: unknown): Promise<T> {
      return run<T>(rawSender('PATCH', path, { body }), true);
    },
    /** Multipart upload through XHR, because fetch cannot report upload progress. */
    upload<T>(path: string, file: Blob, fileName: string, opts: UploadOptions = {}): Promise<T> {
      return run<T>(xhrSender(path, file, fileName, opts), true);
    },
    /** Authenticated GET of a file (a plain link would not carry the bearer token). */
    getBlob(path: string, query?: Query): Promise<Blob> {
      return run<Blob>(rawSender('GET', path, { query }, true), true);
    },
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
