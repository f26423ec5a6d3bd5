import type { IBillRun } from '@app/shared';
import { useEffect, useRef, useState } from 'react';
import { getRun } from '../../api/billing';
import { isRunActive } from './billing-logic';

export const POLL_MS = 1000;

/**
 * Follows a run while it works: polls `run` every second until it leaves `running`, then stops. A failed
 * poll keeps the last known state and tries again (a slow network must not end the progress bar).
 */
export function useRunPolling(initial: IBillRun | null, onSettled?: (run: IBillRun) => void): IBillRun | null {
  const [run, setRun] = useState<IBillRun | null>(initial);
  const settled = useRef(onSettled);
  settled.current = onSettled;

  useEffect(() => setRun(initial), [initial]);

  const id = run?.id;
  const active = run ? isRunActive(run) : false;
  useEffect(() => {
    if (!id || !active) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const next = await getRun(id, controller.signal);
        setRun(next);
        if (!isRunActive(next)) {
          settled.current?.(next);
          return;
        }
      } catch (error) {
        if ((error as { name?: string })?.name === 'AbortError') return;
      }
      timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id, active]);

  return run;
}
