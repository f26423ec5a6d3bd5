import { useCallback, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { IMe } from '@app/shared';
import { ApiError, errorMessage } from '../services/api-error';
import { getMe } from '../services/api/auth';
import { clearSession, hasSession, requirePasswordChange } from '../services/session';

export type CurrentUserState =
  { status: 'loading' } | { status: 'guest' } | { status: 'ready'; me: IMe } | { status: 'error'; message: string };

/**
 * The signed-in user, fetched afresh each time the page is shown (roles and houses change on the server).
 * Tab pages stay mounted: a page must never go on showing the sign-in options of a session that has since
 * begun (a tap there lands on buttons about to vanish) — `signedIn` records the new user at once, and a
 * page shown again with a session but no user waits in `loading` rather than showing stale sign-in options.
 * A user who must change an administrator's password is announced (the app opens 修改密码), wherever they are.
 */
export function useCurrentUser(): {
  state: CurrentUserState;
  reload: () => Promise<void>;
  signedIn: (me: IMe) => void;
} {
  const [state, setState] = useState<CurrentUserState>({ status: 'loading' });

  const reload = useCallback(async () => {
    if (!hasSession()) {
      setState({ status: 'guest' });
      return;
    }
    setState((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    try {
      const me = await getMe();
      if (me.mustChangePassword) requirePasswordChange();
      setState({ status: 'ready', me });
    } catch (error) {
      if (error instanceof ApiError && error.isUnauthenticated) {
        clearSession();
        setState({ status: 'guest' });
      } else {
        setState({ status: 'error', message: errorMessage(error) });
      }
    }
  }, []);

  useDidShow(() => {
    void reload();
  });

  const signedIn = useCallback((me: IMe) => {
    if (me.mustChangePassword) requirePasswordChange();
    setState({ status: 'ready', me });
  }, []);

  return { state, reload, signedIn };
}
