import { useEffect, useState } from 'react';
import { listRuns } from '../../api/billing';
import { currentPeriod } from './billing-logic';

/**
 * The month a bills view opens on: the newest month this project has bills for (early in a month that is
 * usually last month), the current month when there are none. A month the person picks is kept.
 */
export function useLatestPeriod(projectId: number): [string, (period: string) => void] {
  const [period, setPeriod] = useState(currentPeriod());
  const [picked, setPicked] = useState(false);
  useEffect(() => {
    let live = true;
    listRuns({ projectId }).then(
      (runs) => {
        const newest = runs
          .map((r) => r.period)
          .sort()
          .at(-1);
        if (live && newest && !picked) setPeriod(newest);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // Only on opening the project's page: later picks are the person's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId]);
  return [
    period,
    (next) => {
      setPicked(true);
      setPeriod(next);
    },
  ];
}
