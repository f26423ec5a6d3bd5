import { Button, Result, Spin } from 'antd';
import { lazy, type ReactNode } from 'react';
import { createHashRouter, Navigate, RouterProvider, useLocation, useNavigate } from 'react-router';
import { useSession } from './auth/session';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { PageGuard } from './layout/PageGuard';
import type { PageKey } from './layout/access';
import { ChangePasswordPage } from './pages/login/ChangePasswordPage';
import { LoginPage } from './pages/login/LoginPage';

// Each page is its own chunk: the first load carries only the shell and the login page.
const HomePage = lazy(() => import('./pages/home/HomePage'));
const TicketsPage = lazy(() => import('./pages/tickets/TicketsPage'));
const CreateTicketPage = lazy(() => import('./pages/tickets/CreateTicketPage'));
const DispatchQueuePage = lazy(() => import('./pages/tickets/DispatchQueuePage'));
const EscalatedPage = lazy(() => import('./pages/tickets/EscalatedPage'));
const ComplaintsPage = lazy(() => import('./pages/complaints/ComplaintsPage'));
const HousesPage = lazy(() => import('./pages/houses/HousesPage'));
const BindingsPage = lazy(() => import('./pages/bindings/BindingsPage'));
const AnnouncementsPage = lazy(() => import('./pages/announcements/AnnouncementsPage'));
const BuildingManagersPage = lazy(() => import('./pages/buildings/BuildingManagersPage'));
const TechniciansPage = lazy(() => import('./pages/technicians/TechniciansPage'));
const PriceListsPage = lazy(() => import('./pages/price-lists/PriceListsPage'));
const PriceListEditorPage = lazy(() => import('./pages/price-lists/PriceListEditorPage'));
const FeeSchedulePage = lazy(() => import('./pages/fee-schedule/FeeSchedulePage'));
const CashHandoverPage = lazy(() => import('./pages/cash/CashHandoverPage'));
const CounterSalesPage = lazy(() => import('./pages/counter-sales/CounterSalesPage'));
const WaiversPage = lazy(() => import('./pages/waivers/WaiversPage'));
const ChargesPage = lazy(() => import('./pages/charges/ChargesPage'));
const CompanySettingsPage = lazy(() => import('./pages/settings/CompanySettingsPage'));
const ServiceCategoriesPage = lazy(() => import('./pages/categories/ServiceCategoriesPage'));
const OrganizationPage = lazy(() => import('./pages/admin/OrganizationPage'));
const StaffAccountsPage = lazy(() => import('./pages/admin/StaffAccountsPage'));
const AuditLogPage = lazy(() => import('./pages/admin/AuditLogPage'));
const BillingItemsPage = lazy(() => import('./pages/billing/BillingItemsPage'));
const ReadingsPage = lazy(() => import('./pages/billing/ReadingsPage'));
const VacanciesPage = lazy(() => import('./pages/billing/VacanciesPage'));
const VacancyApplyPage = lazy(() => import('./pages/billing/VacancyApplyPage'));
const BillRunsPage = lazy(() => import('./pages/billing/BillRunsPage'));
const BillsPage = lazy(() => import('./pages/billing/BillsPage'));
const ArrearsPage = lazy(() => import('./pages/billing/ArrearsPage'));
// The chart lives only in this chunk, never in the first load (bundle-size bar P3).
const CollectionRatePage = lazy(() => import('./pages/billing/CollectionRatePage'));
const PrepayAccountsPage = lazy(() => import('./pages/prepay/PrepayAccountsPage'));
const PrepayOffersPage = lazy(() => import('./pages/prepay/PrepayOffersPage'));
const InvoicesPage = lazy(() => import('./pages/invoices/InvoicesPage'));
const ReconciliationPage = lazy(() => import('./pages/reconciliation/ReconciliationPage'));
const CashierPage = lazy(() => import('./pages/payments/CashierPage'));
const ApprovalsPage = lazy(() => import('./pages/payments/ApprovalsPage'));
const HandoverPage = lazy(() => import('./pages/payments/HandoverPage'));
const PaymentsPage = lazy(() => import('./pages/payments/PaymentsPage'));
const RefundsPage = lazy(() => import('./pages/payments/RefundsPage'));
const SlaPoliciesPage = lazy(() => import('./pages/sla/SlaPoliciesPage'));
const SlaReportPage = lazy(() => import('./pages/sla/SlaReportPage'));

function RequireSession({ children }: { children: ReactNode }) {
  const { status, me } = useSession();
  const location = useLocation();
  if (status === 'restoring') {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" description="正在恢复登录状态…" />
      </div>
    );
  }
  if (status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  // Nothing else works until the handed-out password is replaced (the API refuses it too).
  if (me?.mustChangePassword) return <ChangePasswordPage forced />;
  return <>{children}</>;
}

function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="链接可能已失效。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回工作台
        </Button>
      }
    />
  );
}

const guarded = (page: PageKey, element: ReactNode) => <PageGuard page={page}>{element}</PageGuard>;

// Hash routing: the server only has to serve /admin/index.html, with no SPA fallback rule.
const router = createHashRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <ConsoleLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: guarded('home', <HomePage />) },
      { path: 'tickets', element: guarded('tickets', <TicketsPage />) },
      { path: 'tickets/new', element: guarded('ticket-new', <CreateTicketPage />) },
      { path: 'dispatch-queue', element: guarded('dispatch-queue', <DispatchQueuePage />) },
      { path: 'escalated', element: guarded('escalated', <EscalatedPage />) },
      { path: 'complaints', element: guarded('complaints', <ComplaintsPage />) },
      { path: 'houses', element: guarded('houses', <HousesPage />) },
      { path: 'bindings', element: guarded('bindings', <BindingsPage />) },
      { path: 'announcements', element: guarded('announcements', <AnnouncementsPage />) },
      { path: 'building-managers', element: guarded('building-managers', <BuildingManagersPage />) },
      { path: 'technicians', element: guarded('technicians', <TechniciansPage />) },
      { path: 'sla/policies', element: guarded('sla-policies', <SlaPoliciesPage />) },
      { path: 'sla/report', element: guarded('sla-report', <SlaReportPage />) },
      { path: 'price-lists', element: guarded('price-lists', <PriceListsPage />) },
      { path: 'price-lists/:id', element: guarded('price-lists', <PriceListEditorPage />) },
      { path: 'fee-schedule', element: guarded('fee-schedule', <FeeSchedulePage />) },
      { path: 'billing/items', element: guarded('billing-items', <BillingItemsPage />) },
      { path: 'billing/readings', element: guarded('readings', <ReadingsPage />) },
      { path: 'billing/vacancies', element: guarded('vacancies', <VacanciesPage />) },
      { path: 'billing/vacancy-applications', element: guarded('vacancy-apply', <VacancyApplyPage />) },
      { path: 'billing/runs', element: guarded('bill-runs', <BillRunsPage />) },
      { path: 'billing/bills', element: guarded('bills', <BillsPage />) },
      { path: 'billing/arrears', element: guarded('arrears', <ArrearsPage />) },
      { path: 'billing/collection-rate', element: guarded('collection-rate', <CollectionRatePage />) },
      { path: 'prepay/accounts', element: guarded('prepay-accounts', <PrepayAccountsPage />) },
      { path: 'prepay/offers', element: guarded('prepay-offers', <PrepayOffersPage />) },
      { path: 'invoices', element: guarded('invoices', <InvoicesPage />) },
      { path: 'reconciliation', element: guarded('reconciliation', <ReconciliationPage />) },
      { path: 'payments/cashier', element: guarded('cashier', <CashierPage />) },
      { path: 'payments/approvals', element: guarded('payment-approvals', <ApprovalsPage />) },
      { path: 'payments/handover', element: guarded('handover', <HandoverPage />) },
      { path: 'payments', element: guarded('payments', <PaymentsPage />) },
      { path: 'payments/refunds', element: guarded('refunds', <RefundsPage />) },
      { path: 'cash', element: guarded('cash', <CashHandoverPage />) },
      { path: 'counter-sales', element: guarded('counter-sales', <CounterSalesPage />) },
      { path: 'charges', element: guarded('charges', <ChargesPage />) },
      { path: 'waivers', element: guarded('waivers', <WaiversPage />) },
      { path: 'company-settings', element: guarded('company-settings', <CompanySettingsPage />) },
      { path: 'service-categories', element: guarded('service-categories', <ServiceCategoriesPage />) },
      { path: 'organization', element: guarded('organization', <OrganizationPage />) },
      { path: 'staff-accounts', element: guarded('staff-accounts', <StaffAccountsPage />) },
      { path: 'audit-log', element: guarded('audit-log', <AuditLogPage />) },
      { path: 'change-password', element: guarded('change-password', <ChangePasswordPage forced={false} />) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
