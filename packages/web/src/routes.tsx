import { Button, Result } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router-dom';
import type { Permission } from './auth/api';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { FullPageSpin, RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './layout/AppLayout';
import { Forbidden } from './shared/Forbidden';

// One chunk per page: the dashboard's ECharts, for instance, loads only with the dashboard.
const LoginPage = lazy(() => import('./auth/LoginPage'));
const TotpEnrolmentPage = lazy(() => import('./auth/TotpEnrolmentPage'));
const AccountPage = lazy(() => import('./auth/AccountPage'));
const HomePage = lazy(() => import('./home/HomePage'));
const OrgsPage = lazy(() => import('./orgs/OrgsPage'));
const PeoplePage = lazy(() => import('./people/PeoplePage'));
const UsersPage = lazy(() => import('./users/UsersPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));
const ImportsPage = lazy(() => import('./imports/ImportsPage'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage'));
const CluesPage = lazy(() => import('./clues/CluesPage'));
const ClueDetailPage = lazy(() => import('./clues/ClueDetailPage'));
const PortalReportPage = lazy(() => import('./portal/ReportPage'));
const PortalQueryPage = lazy(() => import('./portal/QueryPage'));

function Need({ permission, children }: { permission: Permission | Permission[]; children: ReactNode }) {
  const { can } = useAuth();
  return (Array.isArray(permission) ? permission.some(can) : can(permission)) ? children : <Forbidden />;
}

function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已移动。"
      extra={
        <Link to="/">
          <Button type="primary">返回工作台</Button>
        </Link>
      }
    />
  );
}

export function AppRoutes() {
  return (
    <Routes>
      {/* The public portal: outside the signed-in app, no session is looked up. */}
      <Route path="/portal/report" element={<Suspense fallback={<FullPageSpin />}><PortalReportPage /></Suspense>} />
      <Route path="/portal/query" element={<Suspense fallback={<FullPageSpin />}><PortalQueryPage /></Suspense>} />
      <Route path="*" element={<StaffApp />} />
    </Routes>
  );
}

function StaffApp() {
  return (
    <AuthProvider>
      <Suspense fallback={<FullPageSpin />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/totp-enrolment" element={<TotpEnrolmentPage />} />
          <Route element={<RequireAuth />}>
            <Route element={<AppLayout />}>
              <Route index element={<HomePage />} />
              <Route path="orgs" element={<Need permission="orgs.read"><OrgsPage /></Need>} />
              <Route path="people" element={<Need permission="people.read"><PeoplePage /></Need>} />
              <Route path="users" element={<Need permission="users.read"><UsersPage /></Need>} />
              <Route path="audit" element={<Need permission="audit.read"><AuditPage /></Need>} />
              <Route path="imports" element={<Need permission="people.import"><ImportsPage /></Need>} />
              <Route path="holiday-calendar" element={<CalendarPage />} />
              <Route path="clues" element={<Need permission={['clues.read', 'clues.submit']}><CluesPage /></Need>} />
              <Route path="clues/:id" element={<Need permission={['clues.read', 'clues.submit']}><ClueDetailPage /></Need>} />
              <Route path="account" element={<AccountPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </AuthProvider>
  );
}
