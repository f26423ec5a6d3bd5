import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@app/shared';
import Taro from '../mocks/taro';
import { envelope, reply, resident, tokenPair } from '../fixtures';
import { ApiError, ClientErrorCode } from '../../src/services/api-error';
import { buildUrl, http, REFRESH_PATH, upload } from '../../src/services/http';
import { readSession, saveSession, SESSION_ENDED_EVENT } from '../../src/services/session';

const BASE = 'https://api.example.test';

function sentRequest(index = 0) {
  return Taro.request.mock.calls[index][0] as {
    url: string;
    method: string;
    data?: unknown;
    header: Record<string, string>;
    timeout: number;
  };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('buildUrl', () => {
  it.each([
    ['/api/meta', undefined, `${BASE}/api/meta`],
    ['/api/tickets', { page: 2, pageSize: 20 }, `${BASE}/api/tickets?page=2&pageSize=20`],
    [
      '/api/tickets',
      { q: '漏水 3栋', status: undefined, mine: true, x: null },
      `${BASE}/api/tickets?q=%E6%BC%8F%E6%B0%B4%203%E6%A0%8B&mine=true`,
    ],
  ])('%s %j → %s', (path, query, url) => {
    expect(buildUrl(path, query)).toBe(url);
  });
});

describe('request', () => {
  it('sends JSON with the base URL, a timeout and no token when signed out', async () => {
    Taro.request.mockResolvedValueOnce(reply(200, { ok: 1 }));
    await expect(http.post('/api/things', { a: 1 })).resolves.toEqual({ ok: 1 });
    const sent = sentRequest();
    expect(sent).toMatchObject({ url: `${BASE}/api/things`, method: 'POST', data: { a: 1 } });
    expect(sent.header['Content-Type']).toBe('application/json');
    expect(sent.header.Authorization).toBeUndefined();
    expect(sent.timeout).toBeGreaterThan(0);
  });

  it('a write without a body sends an empty JSON object, a read sends none', async () => {
    Taro.request.mockResolvedValue(reply(200, {}));
    await http.post('/api/things/1/approve');
    await http.get('/api/things');
    expect(sentRequest(0).data).toEqual({});
    expect(sentRequest(1).data).toBeUndefined();
  });

  it('sends the access token when signed in, except on calls marked auth: false', async () => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValue(reply(200, {}));
    await http.get('/api/me');
    await http.get('/api/meta', { auth: false });
    expect(sentRequest(0).header.Authorization).toBe('Bearer access-1');
    expect(sentRequest(1).header.Authorization).toBeUndefined();
  });

  it('sends an Idempotency-Key when given one', async () => {
    Taro.request.mockResolvedValueOnce(reply(201, { id: 1 }));
    await http.post('/api/payments', {}, { idempotencyKey: 'k-42' });
    expect(sentRequest().header['Idempotency-Key']).toBe('k-42');
  });

  it('answers undefined for 204', async () => {
    Taro.request.mockResolvedValueOnce(reply(204, ''));
    await expect(http.delete('/api/things/1')).resolves.toBeUndefined();
  });

  it('turns the error envelope into an ApiError with code, status, request id and field errors', async () => {
    const fields = [{ field: 'phone', message: '手机号格式不正确' }];
    Taro.request.mockResolvedValueOnce(reply(422, envelope(ErrorCode.ValidationFailed, '提交的信息有误', { fields })));
    const error = await failure(http.post('/api/bindings', {}));
    expect(error).toMatchObject({
      code: ErrorCode.ValidationFailed,
      message: '提交的信息有误',
      status: 422,
      requestId: 'req-1',
    });
    expect(error.fieldErrors).toEqual(fields);
  });

  it('parses an envelope that arrives as a string', async () => {
    Taro.request.mockResolvedValueOnce(reply(409, JSON.stringify(envelope(ErrorCode.StateConflict, '工单状态已变化'))));
    const error = await failure(http.post('/api/tickets/1/accept'));
    expect(error).toMatchObject({ code: ErrorCode.StateConflict, status: 409 });
  });

  it.each([
    // A gateway's page is not the server's INTERNAL_ERROR: both clients report it as BAD_RESPONSE with the status.
    [502, '<html>Bad Gateway</html>', ClientErrorCode.BadResponse],
    [404, 'Not Found', ClientErrorCode.BadResponse],
  ])('a %i without an envelope becomes a generic error', async (status, body, code) => {
    Taro.request.mockResolvedValueOnce(reply(status, body));
    const error = await failure(http.get('/api/x'));
    expect(error).toMatchObject({ code, status });
    expect(error.message).toContain(String(status));
  });

  it.each([
    [{ errMsg: 'request:fail timeout' }, ClientErrorCode.Timeout],
    [new Error('timeout of 15000ms'), ClientErrorCode.Timeout],
    [{ errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' }, ClientErrorCode.Network],
  ])('a transport failure %j becomes %s', async (rejection, code) => {
    Taro.request.mockRejectedValueOnce(rejection);
    const error = await failure(http.get('/api/x'));
    expect(error).toMatchObject({ code, status: 0 });
  });
});

describe('expired access token', () => {
  const expired = reply(401, envelope(ErrorCode.TokenExpired, '登录已过期'));

  it('refreshes once and retries with the new token', async () => {
    saveSession(tokenPair(resident(), 1));
    Taro.request
      .mockResolvedValueOnce(expired)
      .mockResolvedValueOnce(reply(200, tokenPair(resident(), 2)))
      .mockResolvedValueOnce(reply(200, { id: 7 }));
    await expect(http.get('/api/tickets/7')).resolves.toEqual({ id: 7 });
    expect(sentRequest(1)).toMatchObject({ url: `${BASE}${REFRESH_PATH}`, data: { refreshToken: 'refresh-1' } });
    expect(sentRequest(1).header.Authorization).toBeUndefined();
    expect(sentRequest(2).header.Authorization).toBe('Bearer access-2');
    expect(readSession()).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('shares one refresh between concurrent requests (refresh tokens rotate)', async () => {
    saveSession(tokenPair(resident(), 1));
    Taro.request.mockImplementation(async ({ url, header }: { url: string; header: Record<string, string> }) => {
      if (url.endsWith(REFRESH_PATH)) return reply(200, tokenPair(resident(), 2));
      return header.Authorization === 'Bearer access-2' ? reply(200, { url }) : expired;
    });
    const results = await Promise.all([http.get('/api/a'), http.get('/api/b'), http.get('/api/c')]);
    expect(results).toEqual([{ url: `${BASE}/api/a` }, { url: `${BASE}/api/b` }, { url: `${BASE}/api/c` }]);
    const refreshes = Taro.request.mock.calls.filter(([opts]) => (opts as { url: string }).url.endsWith(REFRESH_PATH));
    expect(refreshes).toHaveLength(1);
  });

  it('retries a late 401 with the token another request already refreshed', async () => {
    saveSession(tokenPair(resident(), 1));
    let answerLate: (value: unknown) => void = () => undefined;
    Taro.request.mockImplementation(({ url, header }: { url: string; header: Record<string, string> }) => {
      if (url.endsWith(REFRESH_PATH)) return Promise.resolve(reply(200, tokenPair(resident(), 2)));
      if (header.Authorization === 'Bearer access-2') return Promise.resolve(reply(200, { url }));
      if (url.endsWith('/api/late')) return new Promise((resolve) => (answerLate = resolve));
      return Promise.resolve(expired);
    });
    const late = http.get('/api/late');
    await expect(http.get('/api/early')).resolves.toEqual({ url: `${BASE}/api/early` });
    answerLate(expired);
    await expect(late).resolves.toEqual({ url: `${BASE}/api/late` });
    const refreshes = Taro.request.mock.calls.filter(([opts]) => (opts as { url: string }).url.endsWith(REFRESH_PATH));
    expect(refreshes).toHaveLength(1);
  });

  it('ends and announces the session when the refresh token is refused', async () => {
    saveSession(tokenPair(resident(), 1));
    Taro.request
      .mockResolvedValueOnce(expired)
      .mockResolvedValueOnce(reply(401, envelope(ErrorCode.RefreshTokenReused, '登录状态异常')));
    const error = await failure(http.get('/api/me'));
    expect(error).toMatchObject({ code: ErrorCode.Unauthenticated, status: 401 });
    expect(error.isUnauthenticated).toBe(true);
    expect(readSession()).toBeNull();
    expect(Taro.eventCenter.trigger).toHaveBeenCalledWith(SESSION_ENDED_EVENT);
    expect(Taro.request).toHaveBeenCalledTimes(2);
  });

  it('keeps the session when the refresh is only rate limited', async () => {
    saveSession(tokenPair(resident(), 1));
    Taro.request
      .mockResolvedValueOnce(expired)
      .mockResolvedValueOnce(reply(429, envelope(ErrorCode.RateLimited, '操作过于频繁')));
    const error = await failure(http.get('/api/me'));
    expect(error.code).toBe(ErrorCode.RateLimited);
    expect(readSession()?.refreshToken).toBe('refresh-1');
    expect(Taro.eventCenter.trigger).not.toHaveBeenCalled();
  });

  it('keeps the session when the refresh fails for lack of network', async () => {
    saveSession(tokenPair(resident(), 1));
    Taro.request.mockResolvedValueOnce(expired).mockRejectedValueOnce({ errMsg: 'request:fail' });
    const error = await failure(http.get('/api/me'));
    expect(error.code).toBe(ClientErrorCode.Network);
    expect(readSession()?.refreshToken).toBe('refresh-1');
    expect(Taro.eventCenter.trigger).not.toHaveBeenCalled();
  });

  it('does not refresh on other 401s', async () => {
    saveSession(tokenPair(resident(), 1));
    Taro.request.mockResolvedValueOnce(reply(401, envelope(ErrorCode.Unauthenticated, '请先登录')));
    const error = await failure(http.get('/api/me'));
    expect(error.code).toBe(ErrorCode.Unauthenticated);
    expect(Taro.request).toHaveBeenCalledTimes(1);
  });
});

describe('upload', () => {
  it('posts one file as multipart with the token and parses the string body', async () => {
    saveSession(tokenPair(resident(), 1));
    Taro.uploadFile.mockResolvedValueOnce({ statusCode: 201, data: '{"id":9,"url":"/media/9"}' });
    await expect(upload('/api/media', 'wxfile://tmp/a.jpg', { idempotencyKey: 'u-1' })).resolves.toEqual({
      id: 9,
      url: '/media/9',
    });
    const sent = Taro.uploadFile.mock.calls[0][0] as {
      url: string;
      filePath: string;
      name: string;
      header: Record<string, string>;
    };
    expect(sent).toMatchObject({ url: `${BASE}/api/media`, filePath: 'wxfile://tmp/a.jpg', name: 'file' });
    expect(sent.header).toMatchObject({ Authorization: 'Bearer access-1', 'Idempotency-Key': 'u-1' });
  });

  it('reports a rejected file with the server message (uploadFile resolves on 4xx)', async () => {
    Taro.uploadFile.mockResolvedValueOnce({
      statusCode: 415,
      data: JSON.stringify(envelope('UNSUPPORTED_MEDIA', '仅支持 JPG/PNG 图片')),
    });
    const error = await failure(upload('/api/media', 'wxfile://tmp/a.exe'));
    expect(error).toMatchObject({ code: 'UNSUPPORTED_MEDIA', message: '仅支持 JPG/PNG 图片', status: 415 });
  });
});
