import {
  ROUTES,
  type IChangePasswordRequest,
  type IDemoAccountList,
  type IMe,
  type IPasswordLoginRequest,
  type ITokenPair,
} from '@app/shared';
import { api } from '../http';
import { clearSession, readSession, saveSession } from '../session';
import { getWechatLoginCode } from '../wechat-code';

function signIn(pair: ITokenPair): IMe {
  saveSession(pair);
  return pair.user;
}

export async function loginWithWechat(): Promise<IMe> {
  return signIn(await api(ROUTES.auth.wechatLogin, { body: { code: await getWechatLoginCode() } }));
}

export async function loginWithPassword(body: IPasswordLoginRequest): Promise<IMe> {
  return signIn(await api(ROUTES.auth.passwordLogin, { body }));
}

export function getDemoAccounts(): Promise<IDemoAccountList> {
  return api(ROUTES.auth.demoAccounts);
}

export async function loginAsDemo(userId: number): Promise<IMe> {
  return signIn(await api(ROUTES.auth.demoLogin, { body: { userId } }));
}

export function getMe(): Promise<IMe> {
  return api(ROUTES.auth.me);
}

/** A staff account's own password; also ends the forced change after an administrator's reset. The session stays. */
export function changePassword(body: IChangePasswordRequest): Promise<void> {
  return api(ROUTES.auth.changePassword, { body });
}

/** Revokes the refresh token on the server; the local session is dropped even when the server is unreachable. */
export async function logout(): Promise<void> {
  const session = readSession();
  clearSession();
  if (!session) return;
  await api(ROUTES.auth.logout, { body: { refreshToken: session.refreshToken } }).catch(() => undefined);
}
