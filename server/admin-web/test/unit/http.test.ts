import { describe, expect, it, vi } from 'vitest';
import { ROUTES, type ITokenPair } from '@app/shared';
import { buildUrl, createHttpClient } from '../../src/api/http';
import { ApiError } from '../../src/api/api-error';
import { createMemoryTokenStore, type StoredTokens } from '../../src/api/token-store';

const OLD: StoredTokens = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  accessTokenExpiresAt: '2026-01-01T00:00:00Z',
  refreshTokenExpiresAt: '2026-02-01T00:00:00Z',
};

function pair(n: number): ITokenPair {
  return {
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    accessTokenExpiresAt: '2026-01-01T01:00:00Z',
    refreshTokenExpiresAt: '2026-02-01T00:00:00Z',
    user: {
      id: 1,
      kind: 'staff',
      name: '张三',
      phoneMasked: '',
      username: 'cm1',
      roles: [],
      houses: [],
      wechatBound: false,
      mustChangePassword: false,
    },
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const expired = () => json(401, { code: 'TOKEN_EXPIRED', message: '登录已过期', requestId: 'r-exp' });

interface Call {
  url: string;
  method: string;
  auth: string | null;
  body: unknown;
}

/** A fake server: `handler` sees each call; calls are recorded for assertions. */
function setup(
  handler: (call: Call, index: number) => Response | Promise<Response>,
  initial: StoredTokens | null = OLD,
) {
  const calls: Call[] = [];
  const tokens = createMemoryTokenStore(initial);
  const onSessionExpired = vi.fn();
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      auth: headers.Authorization ?? null,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return handler(call, calls.length - 1);
  });
  const client = createHttpClient({ baseUrl: '', tokens, fetch: fetchImpl as typeof fetch, onSessionExpired });
  return { client, calls, tokens, onSessionExpired };
}

describe('http client', () => {
  it('sends the bearer token and returns the parsed body', async () => {
    const { client, calls } = setup(() => json(200, { id: 7 }));
    await expect(client.get('/api/me')).resolves.toEqual({ id: 7 });
    expect(calls[0]).toMatchObject({ url: '/api/me', method: 'GET', auth: 'Bearer access-1' });
  });

  it('refreshes once on TOKEN_EXPIRED, stores the rotated pair and retries with the new token', async () => {
    const { client, calls, tokens } = setup((call) => {
      if (call.url === '/api/auth/refresh') return json(200, pair(2));
      return call.auth === 'Bearer access-2' ? json(200, { ok: true }) : expired();
    });
    await expect(client.get('/api/me')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/me', '/api/auth/refresh', '/api/me']);
    expect(calls[1]).toMatchObject({ method: 'POST', auth: null, body: { refreshToken: 'refresh-1' } });
    expect(tokens.get()?.refreshToken).toBe('refresh-2');
  });

  it('shares one refresh between concurrent requests (refresh tokens rotate)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { client, calls } = setup(async (call) => {
      if (call.url === '/api/auth/refresh') {
        await gate;
        return json(200, pair(2));
      }
      return call.auth === 'Bearer access-2' ? json(200, { url: call.url }) : expired();
    });
    const all = Promise.all([client.get('/api/a'), client.get('/api/b'), client.get('/api/c')]);
    await vi.waitFor(() => expect(calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1));
    release();
    await expect(all).resolves.toEqual([{ url: '/api/a' }, { url: '/api/b' }, { url: '/api/c' }]);
    expect(calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('retries only once: a second TOKEN_EXPIRED is an error, not another refresh', async () => {
    const { client, calls } = setup((call) => (call.url === '/api/auth/refresh' ? json(200, pair(2)) : expired()));
    await expect(client.get('/api/me')).rejects.toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
    expect(calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
    expect(calls).toHaveLength(3);
  });

  it('ends the session when the refresh is refused, without retrying the request', async () => {
    const { client, calls, tokens, onSessionExpired } = setup((call) =>
      call.url === '/api/auth/refresh'
        ? json(401, { code: 'REFRESH_TOKEN_REUSED', message: 'reused', requestId: 'r2' })
        : expired(),
    );
    const error = await client.get('/api/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(calls).toHaveLength(2);
    expect(tokens.get()).toBeNull();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('does not refresh or end a session for a failed password login (auth: false)', async () => {
    const { client, calls, tokens, onSessionExpired } = setup(() =>
      json(401, { code: 'INVALID_CREDENTIALS', message: '账号或密码错误', requestId: 'r3' }),
    );
    const error = await client
      .request('POST', '/api/auth/password/login', { body: { login: 'cm1', password: 'x' }, auth: false })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', requestId: 'r3' });
    expect(calls).toHaveLength(1);
    expect(calls[0].auth).toBeNull();
    expect(tokens.get()).toEqual(OLD);
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('ends the session on another 401 (revoked) without trying to refresh', async () => {
    const { client, calls, onSessionExpired } = setup(() =>
      json(401, { code: 'UNAUTHENTICATED', message: 'no', requestId: 'r' }),
    );
    await expect(client.get('/api/me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls).toHaveLength(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('exposes code, message, per-field errors and requestId of a 422', async () => {
    const { client } = setup(() =>
      json(422, {
        code: 'VALIDATION_FAILED',
        message: '参数有误',
        details: { fields: [{ field: 'reason', message: '请填写原因' }, { bogus: true }] },
        requestId: 'req-9',
      }),
    );
    const error = (await client.post('/api/bindings/1/reject', { reason: '' }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(422);
    expect(error.message).toBe('参数有误');
    expect(error.requestId).toBe('req-9');
    expect(error.fieldErrors).toEqual([{ field: 'reason', message: '请填写原因' }]);
  });

  it('turns a network failure into NETWORK_ERROR', async () => {
    const { client } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client.get('/api/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('turns a non-envelope gateway page into BAD_RESPONSE with the status', async () => {
    const { client } = setup(
      () =>
        new Response('<html>Bad Gateway</html>', {
          status: 502,
          headers: { 'content-type': 'text/html', 'x-request-id': 'gw' },
        }),
    );
    await expect(client.get('/api/me')).rejects.toMatchObject({ status: 502, code: 'BAD_RESPONSE', requestId: 'gw' });
  });

  it('refuses a path relative to the old /api base instead of calling the wrong URL', async () => {
    const { client, calls } = setup(() => json(200, {}));
    expect(() => client.get('/tickets')).toThrow(/full \/api\/… path/);
    expect(calls).toHaveLength(0);
  });

  it('returns undefined for 204 and sends JSON bodies', async () => {
    const { client, calls } = setup(() => json(204, null));
    await expect(client.put('/api/x', { userIds: [1, 2] })).resolves.toBeUndefined();
    expect(calls[0]).toMatchObject({ method: 'PUT', body: { userIds: [1, 2] } });
  });
});

describe('typed calls through the shared route table', () => {
  it('builds the path from the route and params, sends the JSON body with the token, and refreshes like any call', async () => {
    const { client, calls } = setup((call) => {
      if (call.url === '/api/auth/refresh') return json(200, pair(2));
      return call.auth === 'Bearer access-2' ? json(200, { id: 7, status: 'in_progress' }) : expired();
    });
    await expect(
      client.api(ROUTES.tickets.actions.request_rework, { params: { id: 7 }, body: { reason: '仍漏水' } }),
    ).resolves.toEqual({
      id: 7,
      status: 'in_progress',
    });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/tickets/7/rework',
      'POST /api/auth/refresh',
      'POST /api/tickets/7/rework',
    ]);
    expect(calls[2].body).toEqual({ reason: '仍漏水' });
  });

  it('sends no token on a public route and encodes the query', async () => {
    const { client, calls } = setup(() => json(200, { categories: [] }));
    await client.api(ROUTES.feeSchedule.public, { query: { projectId: 1, q: '水管 维修' } });
    expect(calls[0]).toMatchObject({
      method: 'GET',
      url: '/api/public/fee-schedule?projectId=1&q=%E6%B0%B4%E7%AE%A1%20%E7%BB%B4%E4%BF%AE',
      auth: null,
    });
  });
});

describe('buildUrl', () => {
  it('drops empty query values and encodes the rest', () => {
    expect(buildUrl('/api', '/houses', { q: '3栋 1201', page: 2, buildingId: undefined, unitId: null, x: '' })).toBe(
      '/api/houses?q=3%E6%A0%8B%201201&page=2',
    );
    expect(buildUrl('/api', '/houses', { dryRun: false })).toBe('/api/houses?dryRun=false');
  });
});
