import { Component, type ErrorInfo, lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation } from 'react-router';
import type { Me, Role } from './api.ts';
import { Layout } from './components/Layout.tsx';
import { ErrorBox, Loading } from './components/ui.tsx';
import i18n, { cookieLang } from './i18n/index.ts';
import { HomePage } from './pages/Home.tsx';
import { AccountDisabledPage, ForbiddenPage, LoginPage, NotFoundPage, UnmatchedPage } from './pages/Public.tsx';
import { hasAnyRole, takeSessionEnded, useMe, useSessionWatch } from './session.ts';

// Pages other than the login page and the home page are loaded when first visited (a smaller first download).
const AuditPage = lazy(() => import('./pages/Audit.tsx').then((m) => ({ default: m.AuditPage })));
const OutboxPage = lazy(() => import('./pages/Admin.tsx').then((m) => ({ default: m.OutboxPage })));
const UsersPage = lazy(() => import('./pages/Admin.tsx').then((m) => ({ default: m.UsersPage })));
const EmployeesPage = lazy(() => import('./pages/Employees.tsx').then((m) => ({ default: m.EmployeesPage })));
const InboxPage = lazy(() => import('./pages/Inbox.tsx').then((m) => ({ default: m.InboxPage })));
const CareerPage = lazy(() => import('./pages/career/CareerPage.tsx').then((m) => ({ default: m.CareerPage })));
const MacpDuePage = lazy(() => import('./pages/career/MacpDuePage.tsx').then((m) => ({ default: m.MacpDuePage })));
const CclApplicationPage = lazy(() => import('./pages/ccl/CclDecisionsPage.tsx').then((m) => ({ default: m.CclApplicationPage })));
const CclDecisionsPage = lazy(() => import('./pages/ccl/CclDecisionsPage.tsx').then((m) => ({ default: m.CclDecisionsPage })));
const CclPage = lazy(() => import('./pages/ccl/CclPage.tsx').then((m) => ({ default: m.CclPage })));
const OrderPage = lazy(() => import('./pages/orders/OrdersPage.tsx').then((m) => ({ default: m.OrderPage })));
const DashboardPage = lazy(() => import('./pages/profile/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const ProfilePage = lazy(() => import('./pages/profile/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const ReviewListPage = lazy(() => import('./pages/profile/ReviewPages.tsx').then((m) => ({ default: m.ReviewListPage })));
const ReviewDetailPage = lazy(() => import('./pages/profile/ReviewPages.tsx').then((m) => ({ default: m.ReviewDetailPage })));
const WindowsPage = lazy(() => import('./pages/profile/AdminPages.tsx').then((m) => ({ default: m.WindowsPage })));
const StrengthPage = lazy(() => import('./pages/profile/AdminPages.tsx').then((m) => ({ default: m.StrengthPage })));
const RegistrationPage = lazy(() => import('./pages/profile/AdminPages.tsx').then((m) => ({ default: m.RegistrationPage })));
const CorrectionsPage = lazy(() => import('./pages/profile/AdminPages.tsx').then((m) => ({ default: m.CorrectionsPage })));
const OrdersPage = lazy(() => import('./pages/orders/OrdersPage.tsx').then((m) => ({ default: m.OrdersPage })));
const VigilancePage = lazy(() => import('./pages/vigilance/VigilancePage.tsx').then((m) => ({ default: m.VigilancePage })));
const IprPage = lazy(() => import('./pages/ipr/IprPages.tsx').then((m) => ({ default: m.IprPage })));
const IprReturnPage = lazy(() => import('./pages/ipr/IprPages.tsx').then((m) => ({ default: m.IprReturnPage })));
const IprCompliancePage = lazy(() => import('./pages/ipr/IprPages.tsx').then((m) => ({ default: m.IprCompliancePage })));
const ForeignVisitsPage = lazy(() => import('./pages/foreign-visit/ForeignVisitPages.tsx').then((m) => ({ default: m.ForeignVisitsPage })));
const ForeignVisitApplyPage = lazy(() => import('./pages/foreign-visit/ForeignVisitPages.tsx').then((m) => ({ default: m.ForeignVisitApplyPage })));
const ForeignVisitPage = lazy(() => import('./pages/foreign-visit/ForeignVisitPages.tsx').then((m) => ({ default: m.ForeignVisitPage })));
const DeputationAdsPage = lazy(() => import('./pages/deputation/DeputationPages.tsx').then((m) => ({ default: m.AdvertisementsPage })));
const DeputationAdPage = lazy(() => import('./pages/deputation/DeputationPages.tsx').then((m) => ({ default: m.AdvertisementPage })));
const DeputationAppsPage = lazy(() => import('./pages/deputation/DeputationPages.tsx').then((m) => ({ default: m.ApplicationsPage })));
const DeputationAppPage = lazy(() => import('./pages/deputation/DeputationPages.tsx').then((m) => ({ default: m.ApplicationPage })));
const DeputationManagePage = lazy(() => import('./pages/deputation/ManagePages.tsx').then((m) => ({ default: m.ManageAdvertisementsPage })));
const OrganisationsPage = lazy(() => import('./pages/deputation/ManagePages.tsx').then((m) => ({ default: m.OrganisationsPage })));
const RotationRoundsPage = lazy(() => import('./pages/rotation/RotationPages.tsx').then((m) => ({ default: m.RotationRoundsPage })));
const RotationRoundPage = lazy(() => import('./pages/rotation/RotationPages.tsx').then((m) => ({ default: m.RotationRoundPage })));
const InterestsPage = lazy(() => import('./pages/interests/InterestsPages.tsx').then((m) => ({ default: m.InterestsPage })));
const InterestsAggregatePage = lazy(() => import('./pages/interests/InterestsPages.tsx').then((m) => ({ default: m.InterestsAggregatePage })));

function Guard({ me, roles, children }: { me: Me; roles: readonly Role[]; children: ReactNode }) {
  return hasAnyRole(me, roles) ? children : <ForbiddenPage />;
}

export function App() {
  useSessionWatch();
  const me = useMe();
  const location = useLocation();
  const [ended, setEnded] = useState(false);

  // A logged-in person without a language cookie sees the language they chose last time.
  useEffect(() => {
    const pref = me.data?.user.preferredLang;
    if (pref && !cookieLang() && i18n.language !== pref) void i18n.changeLanguage(pref);
  }, [me.data]);
  useEffect(() => {
    if (me.data === null) setEnded(takeSessionEnded());
  }, [me.data]);

  if (me.isPending) {
    return (
      <Layout me={null}>
        <Loading />
      </Layout>
    );
  }
  if (me.error) {
    return (
      <Layout me={null}>
        <ErrorBox error={me.error} onRetry={() => void me.refetch()} />
      </Layout>
    );
  }
  const user = me.data;
  if (!user) {
    return (
      <Layout me={null}>
        <Boundary>
          <Routes>
            <Route path="/unmatched" element={<UnmatchedPage />} />
            <Route path="/account-disabled" element={<AccountDisabledPage />} />
            <Route path="*" element={<LoginPage returnTo={location.pathname + location.search} sessionEnded={ended} />} />
          </Routes>
        </Boundary>
      </Layout>
    );
  }
  return (
    <Layout me={user}>
      <Boundary key={location.pathname}>
        <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomePage me={user} />} />
          <Route path="/inbox" element={<InboxPage />} />
          <Route
            path="/employees"
            element={
              <Guard me={user} roles={['NODAL_OFFICER', 'CADRE_AUTHORITY']}>
                <EmployeesPage me={user} />
              </Guard>
            }
          />
          <Route
            path="/audit"
            element={
              <Guard me={user} roles={['CADRE_AUTHORITY', 'ADMIN']}>
                <AuditPage />
              </Guard>
            }
          />
          <Route
            path="/admin/users"
            element={
              <Guard me={user} roles={['ADMIN']}>
                <UsersPage />
              </Guard>
            }
          />
          <Route
            path="/admin/outbox"
            element={
              <Guard me={user} roles={['ADMIN']}>
                <OutboxPage />
              </Guard>
            }
          />
          <Route path="/career" element={<Guard me={user} roles={['EMPLOYEE']}><CareerPage /></Guard>} />
          <Route path="/employees/:id/career" element={<Guard me={user} roles={['NODAL_OFFICER', 'CADRE_AUTHORITY']}><CareerPage /></Guard>} />
          <Route path="/macp/due" element={<Guard me={user} roles={['NODAL_OFFICER']}><MacpDuePage /></Guard>} />
          <Route path="/ccl" element={<Guard me={user} roles={['EMPLOYEE']}><CclPage /></Guard>} />
          <Route path="/ccl/decisions" element={<Guard me={user} roles={['NODAL_OFFICER']}><CclDecisionsPage /></Guard>} />
          <Route path="/ccl/applications/:id" element={<Guard me={user} roles={['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY']}><CclApplicationPage /></Guard>} />
          <Route path="/dashboard" element={<Guard me={user} roles={['NODAL_OFFICER', 'CADRE_AUTHORITY']}><DashboardPage /></Guard>} />
          <Route path="/profile" element={<Guard me={user} roles={['EMPLOYEE']}><ProfilePage /></Guard>} />
          <Route path="/profiles" element={<Guard me={user} roles={['NODAL_OFFICER', 'CADRE_AUTHORITY']}><ReviewListPage /></Guard>} />
          <Route path="/profiles/:employeeId" element={<Guard me={user} roles={['NODAL_OFFICER', 'CADRE_AUTHORITY']}><ReviewDetailPage /></Guard>} />
          <Route path="/validation-windows" element={<Guard me={user} roles={['CADRE_AUTHORITY', 'NODAL_OFFICER']}><WindowsPage me={user} /></Guard>} />
          <Route path="/working-strength" element={<Guard me={user} roles={['CADRE_AUTHORITY', 'NODAL_OFFICER']}><StrengthPage me={user} /></Guard>} />
          <Route path="/registration" element={<Guard me={user} roles={['CADRE_AUTHORITY']}><RegistrationPage /></Guard>} />
          <Route path="/corrections" element={<Guard me={user} roles={['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY']}><CorrectionsPage me={user} /></Guard>} />
          <Route path="/vigilance" element={<Guard me={user} roles={['EMPLOYEE', 'NODAL_OFFICER', 'AVD', 'CADRE_AUTHORITY']}><VigilancePage me={user} /></Guard>} />
          <Route path="/ipr" element={<Guard me={user} roles={['EMPLOYEE']}><IprPage /></Guard>} />
          <Route path="/deputation" element={<Guard me={user} roles={['EMPLOYEE']}><DeputationAdsPage /></Guard>} />
          <Route path="/deputation/advertisements/:id" element={<Guard me={user} roles={['EMPLOYEE', 'NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN']}><DeputationAdPage /></Guard>} />
          <Route path="/deputation/applications" element={<Guard me={user} roles={['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'SUB_NODAL_OFFICER']}><DeputationAppsPage /></Guard>} />
          <Route path="/deputation/applications/:id" element={<Guard me={user} roles={['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'SUB_NODAL_OFFICER']}><DeputationAppPage /></Guard>} />
          <Route path="/deputation/manage" element={<Guard me={user} roles={['SUB_NODAL_OFFICER', 'NODAL_OFFICER']}><DeputationManagePage /></Guard>} />
          <Route path="/deputation/organisations" element={<Guard me={user} roles={['NODAL_OFFICER']}><OrganisationsPage /></Guard>} />
          <Route path="/ipr/returns/:id" element={<Guard me={user} roles={['EMPLOYEE', 'NODAL_OFFICER']}><IprReturnPage /></Guard>} />
          <Route path="/ipr/compliance" element={<Guard me={user} roles={['NODAL_OFFICER', 'CADRE_AUTHORITY']}><IprCompliancePage me={user} /></Guard>} />
          <Route path="/foreign-visits" element={<Guard me={user} roles={['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD']}><ForeignVisitsPage me={user} /></Guard>} />
          <Route path="/foreign-visits/new" element={<Guard me={user} roles={['EMPLOYEE']}><ForeignVisitApplyPage /></Guard>} />
          <Route path="/foreign-visits/:id" element={<Guard me={user} roles={['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD']}><ForeignVisitPage /></Guard>} />
          <Route path="/rotation" element={<Guard me={user} roles={['EMPLOYEE', 'CADRE_AUTHORITY']}><RotationRoundsPage me={user} /></Guard>} />
          <Route path="/rotation/:id" element={<Guard me={user} roles={['EMPLOYEE', 'CADRE_AUTHORITY']}><RotationRoundPage me={user} /></Guard>} />
          <Route path="/interests" element={<Guard me={user} roles={['EMPLOYEE']}><InterestsPage /></Guard>} />
          <Route path="/interests/aggregate" element={<Guard me={user} roles={['NODAL_OFFICER', 'CADRE_AUTHORITY']}><InterestsAggregatePage /></Guard>} />
          <Route path="/orders" element={<OrdersPage />} />
          <Route path="/orders/:code" element={<OrderPage />} />
          <Route path="/unmatched" element={<UnmatchedPage />} />
          <Route path="/account-disabled" element={<AccountDisabledPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
        </Suspense>
      </Boundary>
    </Layout>
  );
}

/** A rendering bug shows a message and a way home, never a blank page. */
class Boundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    return this.state.error ? <CrashMessage /> : this.props.children;
  }
}

function CrashMessage() {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{t('common.errorTitle')}</p>
      <p>
        <a href="/">{t('common.goHome')}</a>
      </p>
    </div>
  );
}
