/** What a push channel answered: WeChat/WeCom business errcode, or a transport failure (null errcode). */
export interface PushReply {
  errcode: number | null;
  errmsg?: string;
  /** The request may or may not have reached the platform (timeout, reset): safe to retry later. */
  transport?: 'timeout' | 'network' | 'http' | 'non-json';
}

/**
 * One JSON request to a push platform. Never logs or returns the URL (WeChat and WeCom carry access_token in
 * the query string); aborts after `timeoutMs` or when `signal` fires (a worker being stopped).
 */
export async function pushRequest(
  url: string,
  init: { method: 'GET' | 'POST'; body?: unknown },
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<PushReply & Record<string, unknown>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort);
  try {
    const res = await fetch(url, {
      method: init.method,
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: controller.signal,
    });
    const text = await res.text();
    if (res.status < 200 || res.status >= 300) return { errcode: null, transport: 'http' };
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      if (typeof parsed !== 'object' || parsed === null) return { errcode: null, transport: 'non-json' };
      return {
        ...parsed,
        errcode: typeof parsed.errcode === 'number' ? parsed.errcode : 0,
        errmsg: typeof parsed.errmsg === 'string' ? parsed.errmsg : undefined,
      };
    } catch {
      return { errcode: null, transport: 'non-json' };
    }
  } catch {
    return { errcode: null, transport: controller.signal.aborted ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
