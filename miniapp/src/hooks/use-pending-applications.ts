import { useEffect, useState } from 'react';
import { BindingStatus, UserKind, type IMe } from '@app/shared';
import { getMyBindings } from '../services/api/bindings';

/** House applications under review, read only for a resident with no verified house (the only case it changes a word). */
export function usePendingApplications(me: IMe | null): number {
  const [pending, setPending] = useState(0);
  const ask = me !== null && me.kind === UserKind.Resident && me.houses.length === 0;
  useEffect(() => {
    if (!ask) return setPending(0);
    let live = true;
    getMyBindings()
      .then((list) => live && setPending(list.filter((b) => b.status === BindingStatus.Pending).length))
      .catch(() => live && setPending(0));
    return () => {
      live = false;
    };
  }, [ask, me?.id]);
  return pending;
}
