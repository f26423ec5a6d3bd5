import type { IMe } from '@app/shared';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getMe, hasSession, logout, passwordLogin } from '../api/auth';
import { onSessionExpired } from '../api/client';

type SessionStatus = 'restoring' | 'anonymous' | 'authenticated';

interface SessionValue {
  status: SessionStatus;
  me: IMe | null;
  /** Set when the server ended the session, so the login page can say why. */
  expired: boolean;
  signIn(login: string, password: string): Promise<IMe>;
  signOut(): Promise<void>;
  /** Re-reads the signed-in user (after a password change clears mustChangePassword). */
  refreshMe(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>(() => (hasSession() ? 'restoring' : 'anonymous'));
  const [me, setMe] = useState<IMe | null>(null);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    if (status !== 'restoring') return;
    let active = true;
    getMe()
      .then((user) => {
        if (!active) return;
        setMe(user);
        setStatus('authenticated');
      })
      .catch(() => {
        if (active) setStatus('anonymous');
      });
    return () => {
      active = false;
    };
  }, [status]);

  useEffect(
    () =>
      onSessionExpired(() => {
        setMe(null);
        setExpired(true);
        setStatus('anonymous');
      }),
    [],
  );

  const signIn = useCallback(async (login: string, password: string) => {
    const user = await passwordLogin({ login, password });
    setMe(user);
    setExpired(false);
    setStatus('authenticated');
    return user;
  }, []);

  const signOut = useCallback(async () => {
    await logout();
    setMe(null);
    setExpired(false);
    setStatus('anonymous');
  }, []);

  const refreshMe = useCallback(async () => {
    setMe(await getMe());
  }, []);

  const value = useMemo(
    () => ({ status, me, expired, signIn, signOut, refreshMe }),
    [status, me, expired, signIn, signOut, refreshMe],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** For pages rendered only inside the signed-in layout. */
export function useMe(): IMe {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
