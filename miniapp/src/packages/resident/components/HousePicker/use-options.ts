import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../../services/api-error';

export type OptionsState<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; items: T[] } | { status: 'error'; message: string };

/** Options of one picker step, loaded whenever the parent choice (`key`) changes; null means not chosen yet. */
export function useOptions<T>(
  key: number | null,
  load: (key: number) => Promise<T[]>,
): { state: OptionsState<T>; retry: () => void } {
  const [state, setState] = useState<OptionsState<T>>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    loadRef
      .current(key)
      .then((items) => current && setState({ status: 'ready', items }))
      .catch((error: unknown) => current && setState({ status: 'error', message: errorMessage(error) }));
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), [setAttempt]);
  return { state, retry };
}
