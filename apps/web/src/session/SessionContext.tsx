import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { SESSION_EXPIRED } from '../api/client';
import { type Session, clearSession, readSession } from './session';

interface SessionState {
  session: Session | null;
  signedIn(s: Session): void;
  signOut(): void;
  /** True once the server refused the token: sign-in says why. */
  expired: boolean;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => readSession());
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    const onExpired = () => {
      setExpired(true);
      setSession(null);
    };
    window.addEventListener(SESSION_EXPIRED, onExpired);
    // The token's own end, even when no request is made in between.
    const timer = session ? window.setTimeout(onExpired, Math.max(0, session.expiresAt - Date.now())) : undefined;
    return () => {
      window.removeEventListener(SESSION_EXPIRED, onExpired);
      window.clearTimeout(timer);
    };
  }, [session]);
  const signedIn = useCallback((s: Session) => {
    setExpired(false);
    setSession(s);
  }, []);
  const signOut = useCallback(() => {
    clearSession();
    setExpired(false);
    setSession(null);
  }, []);
  const value = useMemo(() => ({ session, signedIn, signOut, expired }), [session, signedIn, signOut, expired]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user; only for screens behind RequireSession. */
export function useUser(): Session['user'] {
  const { session } = useSession();
  if (!session) throw new Error('useUser without a session');
  return session.user;
}
