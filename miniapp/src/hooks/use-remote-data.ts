import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { ApiError, errorMessage } from '../services/api-error';
import { clearSession, hasSession } from '../services/session';

export type RemoteState<T> =
  { status: 'loading' } | { status: 'guest' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

/**
 * Data a signed-in page shows: loaded each time the page is shown (others change it on the server) and on
 * pull-down. Data already on screen stays while it reloads, so returning to a page does not flash a spinner.
 */
export function useRemoteData<T>(load: () => Promise<T>): { state: RemoteState<T>; reload: () => Promise<void> } {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (!hasSession()) {
      setState({ status: 'guest' });
      return;
    }
    const call = ++latest.current;
    setState((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }));
    try {
      const data = await loadRef.current();
      if (call === latest.current) setState({ status: 'ready', data });
    } catch (error) {
      if (call !== latest.current) return;
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

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return { state, reload };
}
