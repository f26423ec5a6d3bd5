import type { IAppMeta, IDemoAccountList, IMe, IPasswordLoginRequest, ITokenPair } from '@app/shared';
import { http, tokenStore } from './client';
import { tokensFromPair } from './token-store';

export function getMeta(): Promise<IAppMeta> {
  return http.request<IAppMeta>('GET', '/meta', { auth: false });
}

export function getDemoAccounts(): Promise<IDemoAccountList> {
  return http.request<IDemoAccountList>('GET', '/auth/demo/accounts', { auth: false });
}

export async function passwordLogin(body: IPasswordLoginRequest): Promise<IMe> {
  const pair = await http.request<ITokenPair>('POST', '/auth/password/login', { body, auth: false });
  tokenStore.set(tokensFromPair(pair));
  return pair.user;
}

export function getMe(): Promise<IMe> {
  return http.get<IMe>('/me');
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
    await http.request<void>('POST', '/auth/logout', { body: { refreshToken }, auth: false });
  } catch {
    // Already signed out locally; an unreachable server must not keep the user in.
  }
}
