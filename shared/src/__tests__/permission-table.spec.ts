import { ALL_PERMISSIONS, PERMISSIONS, Permission, permissionsOf, roleCan, rolesFor } from '../permissions';
import { Role } from '../roles';

const P = Permission;

/** Each role's permissions, written out: a change to the table must change this list on purpose. */
const EXPECTED: Record<Role, Permission[]> = {
  resident: [],
  customer_manager: [
    P.PropertyView,
    P.HouseEdit,
    P.BindingReview,
    P.TechnicianView,
    P.TicketView,
    P.TicketContactPhone,
    P.TicketIntake,
    P.TicketDispatch,
    P.TicketHandle,
    P.TicketClose,
    P.DispatchPolicyView,
    P.ChargeView,
    P.ChargePhoneConfirm,
    P.CounterSaleCreate,
    P.CounterSaleView,
    P.BillingView,
    P.ReadingEdit,
    P.VacancyApply,
    P.ArrearsRemind,
    P.PaymentView,
    P.RefundRequest,
    P.PrepayView,
    P.ComplaintView,
    P.ComplaintHandle,
    P.AnnouncementManage,
  ],
  supervisor: [
    P.PropertyView,
    P.TechnicianView,
    P.TechnicianEdit,
    P.TicketView,
    P.TicketContactPhone,
    P.TicketDispatch,
    P.TicketTransfer,
    P.TicketHandle,
    P.DispatchPolicyView,
    P.DispatchPolicyEdit,
    P.ChargeView,
    P.ComplaintView,
    P.ReportView,
  ],
  technician: [P.PropertyView, P.JobWork, P.CashCollect],
  project_manager: [
    P.PropertyView,
    P.HouseEdit,
    P.BuildingAssignManagers,
    P.BindingReview,
    P.TechnicianView,
    P.TechnicianEdit,
    P.TicketView,
    P.TicketContactPhone,
    P.TicketHandle,
    P.TicketClose,
    P.TicketEscalation,
    P.DispatchPolicyView,
    P.DispatchPolicyEdit,
    P.ChargeView,
    P.ChargeWaive,
    P.CashView,
    P.CounterSaleView,
    P.BillingView,
    P.BillCorrect,
    P.VacancyApprove,
    P.ArrearsRemind,
    P.ComplaintView,
    P.ComplaintHandle,
    P.ComplaintPolicyEdit,
    P.PaymentView,
    P.PaymentApprove,
    P.PrepayView,
    P.AnnouncementManage,
    P.ReportView,
  ],
  cashier: [
    P.PropertyView,
    P.TicketView,
    P.ChargeView,
    P.CashView,
    P.CashHandover,
    P.CounterSaleCreate,
    P.CounterSaleView,
    P.BillingView,
    P.ArrearsRemind,
    P.PaymentView,
    P.PaymentCollect,
    P.RefundRequest,
    P.PrepayView,
  ],
  finance: [
    P.PropertyView,
    P.TicketView,
    P.ChargeView,
    P.CashView,
    P.CounterSaleView,
    P.PriceEdit,
    P.CompanySettingsEdit,
    P.BillingView,
    P.BillingItemEdit,
    P.ReadingEdit,
    P.BillRun,
    P.VacancyApply,
    P.ArrearsRemind,
    P.PaymentView,
    P.PaymentApprove,
    P.RefundRequest,
    P.RefundApprove,
    P.PrepayView,
    P.PrepayOfferEdit,
    P.InvoiceIssue,
    P.Reconcile,
  ],
  quality: [P.PropertyView, P.TicketView, P.ChargeView, P.PriceEdit, P.CategoryEdit, P.ComplaintView, P.ReportView],
  admin: [
    P.PropertyView,
    P.HouseEdit,
    P.BuildingAssignManagers,
    P.BindingReview,
    P.TechnicianView,
    P.TechnicianEdit,
    P.TicketView,
    P.TicketIntake,
    P.TicketDispatch,
    P.TicketTransfer,
    P.TicketHandle,
    P.TicketClose,
    P.TicketEscalation,
    P.DispatchPolicyView,
    P.DispatchPolicyEdit,
    P.ChargeView,
    P.CashView,
    P.CounterSaleView,
    P.PriceEdit,
    P.CategoryEdit,
    P.CompanySettingsEdit,
    P.Administration,
    P.BillingView,
    P.BillingItemEdit,
    P.ReadingEdit,
    P.BillRun,
    P.PaymentView,
    P.PrepayView,
    P.PrepayOfferEdit,
    P.Reconcile,
    P.ComplaintView,
    P.ComplaintHandle,
    P.ComplaintPolicyEdit,
    P.AnnouncementManage,
    P.ReportView,
  ],
};

describe('permission table', () => {
  it.each(Object.entries(EXPECTED))('%s holds exactly its permissions', (role, expected) => {
    expect(new Set(permissionsOf(role as Role))).toEqual(new Set(expected));
  });

  it('rolesFor and permissionsOf describe the same table', () => {
    for (const permission of ALL_PERMISSIONS) {
      for (const role of Object.values(Role)) {
        expect(rolesFor(permission).includes(role)).toBe(permissionsOf(role).includes(permission));
      }
    }
  });

  it('every permission names at least one role, once each, and a Chinese label', () => {
    for (const permission of ALL_PERMISSIONS) {
      const { roles, label } = PERMISSIONS[permission];
      expect(roles.length).toBeGreaterThan(0);
      expect(new Set(roles).size).toBe(roles.length);
      expect(label).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('admin is not every role: it never collects or receives cash, waives, confirms by phone or works jobs', () => {
    for (const permission of [
      P.CashCollect,
      P.CashHandover,
      P.ChargeWaive,
      P.ChargePhoneConfirm,
      P.JobWork,
      P.CounterSaleCreate,
      P.TicketContactPhone,
    ]) {
      expect(roleCan([Role.Admin], permission)).toBe(false);
    }
  });

  it('roleCan: any of the roles suffices; no roles, nothing', () => {
    expect(roleCan([Role.Cashier, Role.ProjectManager], P.ChargeWaive)).toBe(true);
    expect(roleCan([Role.Cashier], P.ChargeWaive)).toBe(false);
    expect(roleCan([], P.PropertyView)).toBe(false);
  });
});
