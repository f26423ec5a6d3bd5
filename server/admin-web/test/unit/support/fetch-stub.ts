import { vi } from 'vitest';

/** Answers one route: a plain value is sent as 200 JSON, a Response as it is. */
export type FetchHandler = (url: URL, init: RequestInit) => unknown;

/** One request a page made: `key` is "METHOD /path", `url` adds the query, `body` is the parsed JSON body. */
export interface FetchCall {
  key: string;
  url: string;
  body: unknown;
}

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const parsed = (body: RequestInit['body']): unknown => {
  if (typeof body !== 'string') return body ?? undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
};

/**
 * A stand-in for the server behind `fetch`, for pages rendered in a unit test: routes by "METHOD /path", then
 * the '*' route if one is set (anything else is a 404 envelope, so a wrong route shows up), and a log of the calls. `install()` before
 * rendering; `reset()` in afterEach empties both (the objects stay the same, so destructured names keep working).
 */
export function fetchStub() {
  const routes: Record<string, FetchHandler> = {};
  const calls: FetchCall[] = [];
  return {
    routes,
    calls,
    install(): void {
      vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
        const url = new URL(input, 'http://console.test');
        const key = `${init.method ?? 'GET'} ${url.pathname}`;
        calls.push({ key, url: `${key}${url.search}`, body: parsed(init.body) });
        const handler = routes[key] ?? routes['*'];
        if (!handler) return json({ code: 'NOT_FOUND', message: '不存在' }, 404);
        const answer = await handler(url, init);
        return answer instanceof Response ? answer : json(answer);
      });
    },
    reset(): void {
      for (const key of Object.keys(routes)) delete routes[key];
      calls.length = 0;
    },
  };
}
