import type { IAppMeta } from '@app/shared'
import { http } from '../http'

export function getAppMeta(): Promise<IAppMeta> {
  return http.get<IAppMeta>('/api/meta', { auth: false })
}
