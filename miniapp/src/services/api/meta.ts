import { ROUTES, type IAppMeta } from '@app/shared';
import { api } from '../http';

export function getAppMeta(): Promise<IAppMeta> {
  return api(ROUTES.auth.meta);
}
