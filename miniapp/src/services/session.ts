import Taro from '@tarojs/taro';
import type { ITokenPair } from '@app/shared';

/** What survives a restart of the app: the tokens only. The user profile is always fetched fresh. */
export interface IStoredSession {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

const STORAGE_KEY = 'app.session';

/** Fired on Taro.eventCenter when the server refuses the refresh token: the app returns to sign-in. */
export const SESSION_ENDED_EVENT = 'session:ended';

export function readSession(): IStoredSession | null {
  try {
    const value: unknown = Taro.getStorageSync(STORAGE_KEY);
    return isStoredSession(value) ? value : null;
  } catch {
    return null;
  }
}

export function saveSession(pair: ITokenPair): IStoredSession {
  const session: IStoredSession = {
    accessToken: pair.accessToken,
    accessTokenExpiresAt: pair.accessTokenExpiresAt,
    refreshToken: pair.refreshToken,
    refreshTokenExpiresAt: pair.refreshTokenExpiresAt,
  };
  Taro.setStorageSync(STORAGE_KEY, session);
  return session;
}

export function clearSession(): void {
  Taro.removeStorageSync(STORAGE_KEY);
}

/**
 * Fired on Taro.eventCenter when the account must change a password an administrator set (IMe.mustChangePassword,
 * or a 403 PASSWORD_CHANGE_REQUIRED): the app opens 修改密码 and keeps returning there until it is changed.
 */
export const PASSWORD_CHANGE_EVENT = 'session:password-change-required';

export function requirePasswordChange(): void {
  Taro.eventCenter.trigger(PASSWORD_CHANGE_EVENT);
}

export function endSession(): void {
  clearSession();
  Taro.eventCenter.trigger(SESSION_ENDED_EVENT);
}

export function hasSession(): boolean {
  return readSession() !== null;
}

function isStoredSession(value: unknown): value is IStoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.accessToken === 'string' && typeof v.refreshToken === 'string' && v.accessToken.length > 0;
}
