import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from './AuthContext';

/** Signed-in routes: to /login without a session, to the TOTP binding page while it is required. */
export function RequireAuth() {
  const { me } = useAuth();
  const location = useLocation();
  if (me === undefined) return <FullPageSpin />;
  if (me === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.totpEnrollmentRequired) return <Navigate to="/totp-enrolment" replace />;
  return <Outlet />;
}

export function FullPageSpin() {
  return (
    <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}
