import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, setAuthHandlers, setCsrfToken } from '../api/client';
import { authApi, type Me, type Permission } from './api';

interface AuthState {
  /** undefined while the first /api/auth/me is under way; null when signed out. */
  me: Me | null | undefined;
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
  can: (permission: Permission) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const navigate = useNavigate();

  const refresh = useCallback(async () => {
    try {
      const m = await authApi.me();
      setCsrfToken(m.csrfToken);
      setMe(m);
      return m;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setCsrfToken(null);
        setMe(null);
        return null;
      }
      throw e;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setMe(null));
  }, [refresh]);

  // The API client tells us when the session has gone or the admin must bind TOTP first.
  useEffect(() => {
    setAuthHandlers({
      unauthenticated: () => {
        setCsrfToken(null);
        setMe(null);
        if (!window.location.pathname.startsWith('/login')) {
          const next = window.location.pathname + window.location.search;
          navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
        }
      },
      enrollmentRequired: () => {
        void refresh().then(() => navigate('/totp-enrolment', { replace: true }));
      },
    });
  }, [navigate, refresh]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      setMe(null);
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  const can = useCallback((p: Permission) => !!me && me.permissions.includes(p), [me]);
  const value = useMemo(() => ({ me, refresh, logout, can }), [me, refresh, logout, can]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only inside routes guarded by RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}
