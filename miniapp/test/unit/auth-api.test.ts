import { describe, expect, it } from 'vitest';
import { Role } from '@app/shared';
import Taro from '../mocks/taro';
import { reply, resident, staff, tokenPair } from '../fixtures';
import { ApiError } from '../../src/services/api-error';
import { getMe, loginAsDemo, loginWithPassword, loginWithWechat, logout } from '../../src/services/api/auth';
import { getAppMeta } from '../../src/services/api/meta';
import { readSession, saveSession } from '../../src/services/session';
import * as weappCode from '../../src/services/wechat-code.weapp';

const BASE = 'https://api.example.test';
const sent = (i = 0) =>
  Taro.request.mock.calls[i][0] as { url: string; method: string; data: unknown; header: Record<string, string> };

describe('auth api', () => {
  it('reads app meta without a token', async () => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValueOnce(reply(200, { name: '物业服务', demoLogin: true }));
    await getAppMeta();
    expect(sent()).toMatchObject({ url: `${BASE}/api/meta`, method: 'GET' });
    expect(sent().header.Authorization).toBeUndefined();
  });

  it('demo login stores the session and returns the user', async () => {
    const me = staff([Role.CustomerManager]);
    Taro.request.mockResolvedValueOnce(reply(200, tokenPair(me, 3)));
    await expect(loginAsDemo(21)).resolves.toEqual(me);
    expect(sent()).toMatchObject({ url: `${BASE}/api/auth/demo/login`, method: 'POST', data: { userId: 21 } });
    expect(readSession()).toMatchObject({ accessToken: 'access-3', refreshToken: 'refresh-3' });
  });

  it('password login sends the credentials and stores the session', async () => {
    Taro.request.mockResolvedValueOnce(reply(200, tokenPair(staff([Role.Cashier]))));
    await loginWithPassword({ login: 'liqiang', password: 'secret' });
    expect(sent()).toMatchObject({
      url: `${BASE}/api/auth/password/login`,
      data: { login: 'liqiang', password: 'secret' },
    });
    expect(readSession()).not.toBeNull();
  });

  it('a failed login leaves no session', async () => {
    Taro.request.mockResolvedValueOnce(
      reply(401, { code: 'INVALID_CREDENTIALS', message: '账号或密码错误', requestId: 'r' }),
    );
    await expect(loginWithPassword({ login: 'x', password: 'y' })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(readSession()).toBeNull();
  });

  it('outside WeChat the WeChat login is refused before any request', async () => {
    await expect(loginWithWechat()).rejects.toMatchObject({ code: 'WECHAT_LOGIN_UNAVAILABLE' });
    expect(Taro.request).not.toHaveBeenCalled();
  });

  it('getMe sends the token', async () => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValueOnce(reply(200, resident()));
    await expect(getMe()).resolves.toMatchObject({ name: '王芳' });
    expect(sent()).toMatchObject({ url: `${BASE}/api/me` });
    expect(sent().header.Authorization).toBe('Bearer access-1');
  });

  it('logout revokes the refresh token and clears the session', async () => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValueOnce(reply(204, ''));
    await logout();
    expect(sent()).toMatchObject({ url: `${BASE}/api/auth/logout`, data: { refreshToken: 'refresh-1' } });
    expect(readSession()).toBeNull();
  });

  it('logout clears the session even when the server is unreachable', async () => {
    saveSession(tokenPair(resident()));
    Taro.request.mockRejectedValueOnce({ errMsg: 'request:fail' });
    await expect(logout()).resolves.toBeUndefined();
    expect(readSession()).toBeNull();
  });
});

describe('wechat-code.weapp', () => {
  it('returns the code from wx.login', async () => {
    Taro.login.mockResolvedValueOnce({ code: '0a1b2c', errMsg: 'login:ok' });
    await expect(weappCode.getWechatLoginCode()).resolves.toBe('0a1b2c');
    expect(weappCode.wechatLoginAvailable).toBe(true);
  });

  it.each([
    ['a rejected wx.login', () => Taro.login.mockRejectedValueOnce({ errMsg: 'login:fail' })],
    ['an empty code', () => Taro.login.mockResolvedValueOnce({ code: '', errMsg: 'login:ok' })],
  ])('turns %s into WECHAT_LOGIN_FAILED', async (_name, arrange) => {
    arrange();
    const error = await weappCode.getWechatLoginCode().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'WECHAT_LOGIN_FAILED' });
  });
});
