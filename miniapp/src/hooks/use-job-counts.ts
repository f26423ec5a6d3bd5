import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Permission, roleCan, type IMe } from '@app/shared';
import { loadJobBoard } from '../utils/load-jobs';
import type { IJobCounts } from '../utils/role-entries';

/**
 * What waits for a technician (new dispatches, jobs under way, pool jobs), for the home page's 师傅工作台 row;
 * read only for someone who works jobs, and again each time the page is shown. null until known or on failure
 * (the row then keeps its plain description).
 */
export function useJobCounts(me: IMe | null): IJobCounts | null {
  const [counts, setCounts] = useState<IJobCounts | null>(null);
  const works =
    me !== null &&
    roleCan(
      me.roles.map((grant) => grant.role),
      Permission.JobWork,
    );
  const live = useRef(true);
  const load = useCallback(() => {
    if (!works) return setCounts(null);
    loadJobBoard()
      .then(({ groups, pool }) => {
        if (live.current)
          setCounts({ toAccept: groups.toAccept.length, active: groups.active.length, pool: pool.length });
      })
      .catch(() => live.current && setCounts(null));
  }, [works]);
  useEffect(() => {
    live.current = true;
    load();
    return () => {
      live.current = false;
    };
  }, [load, me?.id]);
  useDidShow(load);
  return counts;
}
