import { ROUTES, type IAppMeta, type IDemoAccountList, type IMe, type IPasswordLoginRequest } from '@app/shared';
import { api, tokenStore } from './client';
import { tokensFromPair } from './token-store';

export function getMeta(): Promise<IAppMeta> {
  return api(ROUTES.auth.meta);
}

export function getDemoAccounts(): Promise<IDemoAccountList> {
  return api(ROUTES.auth.demoAccounts);
}

export async function passwordLogin(body: IPasswordLoginRequest): Promise<IMe> {
  const pair = await api(ROUTES.auth.passwordLogin, { body });
  tokenStore.set(tokensFromPair(pair));
  return pair.user;
}

export function getMe(): Promise<IMe> {
  return api(ROUTES.auth.me);
}

export function hasSession(): boolean {
  return tokenStore.get() !== null;
}

/** Revokes the refresh token server-side; the local session ends whatever the server says. */
export async function logout(): Promise<void> {
  const refreshToken = tokenStore.get()?.refreshToken;
  tokenStore.clear();
  if (!refreshToken) return;
  try {
    await api(ROUTES.auth.logout, { body: { refreshToken } });
  } catch {
    // Already signed out locally; an unreachable server must not keep the user in.
  }
}
