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
const RiskPointsPage = lazy(() => import('./risk-points/RiskPointsPage'));
const RiskMatricesPage = lazy(() => import('./risk-matrices/RiskMatricesPage'));
const PortalPage = lazy(() => import('./portal/PortalPage'));
const PowersPage = lazy(() => import('./powers/PowersPage'));
const CommitmentsPage = lazy(() => import('./commitments/CommitmentsPage'));
const CampaignsPage = lazy(() => import('./check-campaigns/CampaignsPage'));
const CampaignDetailPage = lazy(() => import('./check-campaigns/CampaignDetailPage'));
const CampaignOrgPage = lazy(() => import('./check-campaigns/CampaignOrgPage'));
const PostFormPage = lazy(() => import('./check-campaigns/PostFormPage'));
const WarningsPage = lazy(() => import('./warnings/WarningsPage'));
const WarningDetailPage = lazy(() => import('./warnings/WarningDetailPage'));
const BulletinsPage = lazy(() => import('./bulletins/BulletinsPage'));
const LeadershipReportsPage = lazy(() => import('./leadership-reports/LeadershipReportsPage'));
const PortalBulletinsPage = lazy(() => import('./portal/PortalBulletinsPage'));
const CluesPage = lazy(() => import('./clues/CluesPage'));
const ClueDetailPage = lazy(() => import('./clues/ClueDetailPage'));
const PortalReportPage = lazy(() => import('./portal/ReportPage'));
const PortalQueryPage = lazy(() => import('./portal/QueryPage'));
const TalksPage = lazy(() => import('./talks/TalksPage'));
const EvaluationsPage = lazy(() => import('./evaluations/EvaluationsPage'));
const AssessmentsPage = lazy(() => import('./assessments/AssessmentsPage'));
const AccountabilityPage = lazy(() => import('./accountability/AccountabilityPage'));
const ArchivePage = lazy(() => import('./archives/ArchivePage'));
const OpinionsPage = lazy(() => import('./integrity-opinions/OpinionsPage'));

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
          <Route path="/portal" element={<PortalPage />} />
          <Route path="/portal/bulletins" element={<PortalBulletinsPage />} />
          <Route element={<RequireAuth />}>
            <Route element={<AppLayout />}>
              <Route index element={<HomePage />} />
              <Route path="orgs" element={<Need permission="orgs.read"><OrgsPage /></Need>} />
              <Route path="people" element={<Need permission="people.read"><PeoplePage /></Need>} />
              <Route path="users" element={<Need permission="users.read"><UsersPage /></Need>} />
              <Route path="audit" element={<Need permission="audit.read"><AuditPage /></Need>} />
              <Route path="imports" element={<Need permission="people.import"><ImportsPage /></Need>} />
              <Route path="holiday-calendar" element={<CalendarPage />} />
              <Route path="risk-points/:id?" element={<Need permission="risk.read"><RiskPointsPage /></Need>} />
              <Route path="powers" element={<Need permission="risk.read"><PowersPage /></Need>} />
              <Route path="check-campaigns" element={<Need permission="risk.read"><CampaignsPage /></Need>} />
              <Route path="check-campaigns/forms/:id" element={<Need permission="risk.read"><PostFormPage /></Need>} />
              <Route path="check-campaigns/:id" element={<Need permission="risk.read"><CampaignDetailPage /></Need>} />
              <Route path="check-campaigns/:id/orgs/:orgId" element={<Need permission="risk.read"><CampaignOrgPage /></Need>} />
              <Route path="commitments" element={<Need permission="risk.read"><CommitmentsPage /></Need>} />
              <Route path="risk-matrices" element={<Need permission="risk.read"><RiskMatricesPage /></Need>} />
              <Route path="warnings" element={<Need permission="warnings.read"><WarningsPage /></Need>} />
              <Route path="warnings/:id" element={<Need permission="warnings.read"><WarningDetailPage /></Need>} />
              <Route path="bulletins" element={<Need permission="bulletins.write"><BulletinsPage /></Need>} />
              <Route path="leadership-reports" element={<Need permission="leadership_reports.read"><LeadershipReportsPage /></Need>} />
              <Route path="clues" element={<Need permission={['clues.read', 'clues.submit']}><CluesPage /></Need>} />
              <Route path="clues/:id" element={<Need permission={['clues.read', 'clues.submit']}><ClueDetailPage /></Need>} />
              <Route path="talks" element={<Need permission="talks.read"><TalksPage /></Need>} />
              <Route path="evaluations" element={<Need permission="evaluations.read"><EvaluationsPage /></Need>} />
              <Route path="assessments" element={<Need permission="assessments.read"><AssessmentsPage /></Need>} />
              <Route path="accountability" element={<Need permission="accountability.read"><AccountabilityPage /></Need>} />
              <Route path="archives" element={<Need permission="archives.read"><ArchivePage /></Need>} />
              <Route path="archives/:personId" element={<Need permission="archives.read"><ArchivePage /></Need>} />
              <Route path="integrity-opinions" element={<Need permission="opinions.draft"><OpinionsPage /></Need>} />
              <Route path="account" element={<AccountPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </AuthProvider>
  );
}
