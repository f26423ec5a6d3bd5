import Taro from '@tarojs/taro'
import { ErrorCode, type ITokenPair } from '@app/shared'
import { ApiError, ClientErrorCode, isErrorEnvelope } from './api-error'
import { API_BASE_URL, REQUEST_TIMEOUT_MS, UPLOAD_TIMEOUT_MS } from './config'
import { endSession, readSession, saveSession } from './session'

/** The one place the mini-program talks to the network. Pages use the typed functions in services/api/. */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | null | undefined

export interface IRequestOptions {
  query?: Record<string, QueryValue>
  data?: unknown
  /** false for calls made before sign-in (meta, login). Default true: send the access token if there is one. */
  auth?: boolean
  /** Sent as `Idempotency-Key` so a retried write is applied once. */
  idempotencyKey?: string
  timeout?: number
}

export interface IUploadOptions {
  /** Multipart field name of the file. */
  name?: string
  formData?: Record<string, string>
  idempotencyKey?: string
  /** 0–100 as the platform reports it (weapp UploadTask / H5 XHR progress); not called where unsupported. */
  onProgress?: (percent: number) => void
}

interface IRawResponse {
  statusCode: number
  data: unknown
}

type Transport = (header: Record<string, string>) => Promise<IRawResponse>

export const REFRESH_PATH = '/api/auth/refresh'

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const pairs = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return `${API_BASE_URL}${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`
}

/** Writes always carry a JSON body: wx.request sends `application/json` by default, and the server refuses an empty JSON body. */
const WITH_BODY: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH'])

export function request<T>(method: Method, path: string, options: IRequestOptions = {}): Promise<T> {
  const url = buildUrl(path, options.query)
  const data = options.data ?? (WITH_BODY.has(method) ? {} : undefined)
  const transport: Transport = (header) =>
    Taro.request({
      url,
      method,
      data: data as TaroGeneral.IAnyObject | undefined,
      header: { Accept: 'application/json', 'Content-Type': 'application/json', ...header },
      timeout: options.timeout ?? REQUEST_TIMEOUT_MS,
      dataType: 'json',
    }).then((res) => ({ statusCode: res.statusCode, data: res.data as unknown }))
  return send<T>(transport, options.auth ?? true, options.idempotencyKey)
}

export const http = {
  get: <T>(path: string, options?: IRequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, data?: unknown, options?: IRequestOptions) => request<T>('POST', path, { ...options, data }),
  put: <T>(path: string, data?: unknown, options?: IRequestOptions) => request<T>('PUT', path, { ...options, data }),
  patch: <T>(path: string, data?: unknown, options?: IRequestOptions) => request<T>('PATCH', path, { ...options, data }),
  delete: <T>(path: string, options?: IRequestOptions) => request<T>('DELETE', path, options),
}

/** One file per call (the platform's limit). `uploadFile` answers with a string body and never rejects on 4xx/5xx. */
export function upload<T>(path: string, filePath: string, options: IUploadOptions = {}): Promise<T> {
  const url = buildUrl(path)
  const transport: Transport = (header) => {
    const task = Taro.uploadFile({
      url,
      filePath,
      name: options.name ?? 'file',
      formData: options.formData,
      header: { Accept: 'application/json', ...header },
      timeout: UPLOAD_TIMEOUT_MS,
    })
    const { onProgress } = options
    // The returned promise doubles as the UploadTask on both platforms; guarded because stand-ins may lack it.
    const progressive = task as { onProgressUpdate?: (cb: (r: { progress: number }) => void) => void }
    if (onProgress && typeof progressive.onProgressUpdate === 'function') progressive.onProgressUpdate((r) => onProgress(r.progress))
    return task.then((res) => ({ statusCode: res.statusCode, data: res.data }))
  }
  return send<T>(transport, true, options.idempotencyKey)
}

async function send<T>(transport: Transport, auth: boolean, idempotencyKey?: string): Promise<T> {
  const session = auth ? readSession() : null
  const first = await attempt(transport, session?.accessToken, idempotencyKey)
  if (!session || !isExpiredToken(first)) return unwrap<T>(first)

  const renewed = await renewAfterExpiry(session.accessToken)
  if (!renewed) throw new ApiError(ErrorCode.Unauthenticated, '登录已过期，请重新登录', 401)
  return unwrap<T>(await attempt(transport, renewed, idempotencyKey))
}

async function attempt(transport: Transport, accessToken: string | undefined, idempotencyKey?: string): Promise<IRawResponse> {
  const header: Record<string, string> = {}
  if (accessToken) header.Authorization = `Bearer ${accessToken}`
  if (idempotencyKey) header['Idempotency-Key'] = idempotencyKey
  try {
    return await transport(header)
  } catch (error) {
    throw networkError(error)
  }
}

function unwrap<T>(res: IRawResponse): T {
  const body = parseBody(res.data)
  if (res.statusCode >= 200 && res.statusCode < 300) return (res.statusCode === 204 ? undefined : body) as T
  if (isErrorEnvelope(body)) throw ApiError.fromEnvelope(res.statusCode, body)
  throw new ApiError(
    res.statusCode >= 500 ? ErrorCode.Internal : ClientErrorCode.BadResponse,
    `服务暂时不可用（${res.statusCode}），请稍后重试`,
    res.statusCode,
  )
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data
  if (data.trim() === '') return undefined
  try {
    return JSON.parse(data) as unknown
  } catch {
    return data
  }
}

function isExpiredToken(res: IRawResponse): boolean {
  if (res.statusCode !== 401) return false
  const body = parseBody(res.data)
  return isErrorEnvelope(body) && body.code === ErrorCode.TokenExpired
}

function networkError(error: unknown): ApiError {
  const text = String((error as { errMsg?: string; message?: string })?.errMsg ?? (error as Error)?.message ?? '')
  return /timeout|超时/i.test(text)
    ? new ApiError(ClientErrorCode.Timeout, '请求超时，请稍后重试', 0)
    : new ApiError(ClientErrorCode.Network, '网络连接失败，请检查网络后重试', 0)
}

let refreshing: Promise<string | null> | null = null

/**
 * Returns an access token newer than `expired`, or null when the session is over (cleared and announced).
 * Concurrent callers share one refresh call: refresh tokens rotate, and reusing one revokes the session.
 */
async function renewAfterExpiry(expired: string): Promise<string | null> {
  const current = readSession()
  if (!current) return null
  if (current.accessToken !== expired) return current.accessToken
  refreshing ??= refreshTokens(current.refreshToken).finally(() => {
    refreshing = null
  })
  return refreshing
}

async function refreshTokens(refreshToken: string): Promise<string | null> {
  try {
    const pair = await request<ITokenPair>('POST', REFRESH_PATH, { data: { refreshToken }, auth: false })
    return saveSession(pair).accessToken
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      endSession()
      return null
    }
    throw error
  }
}
