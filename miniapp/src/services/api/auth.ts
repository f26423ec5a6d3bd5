import type {
  IDemoAccountList,
  IDemoLoginRequest,
  IMe,
  IPasswordLoginRequest,
  IRefreshRequest,
  ITokenPair,
  IWechatLoginRequest,
} from '@app/shared'
import { http } from '../http'
import { clearSession, readSession, saveSession } from '../session'
import { getWechatLoginCode } from '../wechat-code'

/** Identity routes (docs/api.md). */
export const AuthRoutes = {
  wechatLogin: '/api/auth/wechat/login',
  passwordLogin: '/api/auth/password/login',
  demoAccounts: '/api/auth/demo/accounts',
  demoLogin: '/api/auth/demo/login',
  logout: '/api/auth/logout',
  me: '/api/me',
} as const

function signIn(pair: ITokenPair): IMe {
  saveSession(pair)
  return pair.user
}

export async function loginWithWechat(): Promise<IMe> {
  const body: IWechatLoginRequest = { code: await getWechatLoginCode() }
  return signIn(await http.post<ITokenPair>(AuthRoutes.wechatLogin, body, { auth: false }))
}

export async function loginWithPassword(body: IPasswordLoginRequest): Promise<IMe> {
  return signIn(await http.post<ITokenPair>(AuthRoutes.passwordLogin, body, { auth: false }))
}

export function getDemoAccounts(): Promise<IDemoAccountList> {
  return http.get<IDemoAccountList>(AuthRoutes.demoAccounts, { auth: false })
}

export async function loginAsDemo(userId: number): Promise<IMe> {
  const body: IDemoLoginRequest = { userId }
  return signIn(await http.post<ITokenPair>(AuthRoutes.demoLogin, body, { auth: false }))
}

export function getMe(): Promise<IMe> {
  return http.get<IMe>(AuthRoutes.me)
}

/** Revokes the refresh token on the server; the local session is dropped even when the server is unreachable. */
export async function logout(): Promise<void> {
  const session = readSession()
  clearSession()
  if (!session) return
  const body: IRefreshRequest = { refreshToken: session.refreshToken }
  await http.post<void>(AuthRoutes.logout, body, { auth: false }).catch(() => undefined)
}
