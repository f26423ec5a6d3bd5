import { IBill, Role } from '@app/shared';
import { runInTransaction } from '../../src/database/transactions';
import { Bill } from '../../src/modules/billing/billing.entity';
import { PaymentsService, type RecordPaymentInput } from '../../src/modules/payments/payments.service';
import { bindResident, makeStaff, makeTenant, newOpenId, STAFF_PASSWORD, type Tenant } from '../support/factories';
import { bearer, passwordLogin, TestApp, wechatLogin } from '../support/test-app';
import { publishRun, runBills, setStandardItems, staffToken, thisMonth } from './billing-helpers';

export interface PayWorld {
  tenant: Tenant;
  finance: string;
  cashier: { id: number; token: string };
  approver: { id: number; token: string };
  resident: { id: number; token: string };
  outsider: { id: number; token: string };
  /** The resident's house (tenant.houseIds[0]) and its published bill of this month. */
  houseId: number;
  bill: Bill;
}

/** A project with published bills for this month (the real billing run) and a resident of house 0. */
export async function makePayWorld(t: TestApp, houses = 2): Promise<PayWorld> {
  const tenant = await makeTenant(t.db, houses);
  const finance = await staffToken(t, Role.Finance, tenant.projectId);
  await setStandardItems(t, finance, tenant.projectId);
  const run = await runBills(t, finance, tenant.projectId, thisMonth());
  await publishRun(t, finance, run.id);
  const login = async (role: Role) => {
    const s = await makeStaff(t.db, [{ role, scopeId: tenant.projectId }], { companyId: tenant.companyId });
    return { id: s.id, token: (await passwordLogin(t, s.username, STAFF_PASSWORD)).accessToken };
  };
  const resident = await wechatLogin(t, newOpenId());
  const outsider = await wechatLogin(t, newOpenId());
  await bindResident(t.db, resident.user.id, tenant.houseIds[0]);
  await bindResident(t.db, outsider.user.id, tenant.houseIds[1]);
  const bill = await t.db.getRepository(Bill).findOneByOrFail({ houseId: tenant.houseIds[0], status: 'published' });
  return {
    tenant,
    finance,
    cashier: await login(Role.Cashier),
    approver: await login(Role.Finance),
    resident: { id: resident.user.id, token: resident.accessToken },
    outsider: { id: outsider.user.id, token: outsider.accessToken },
    houseId: tenant.houseIds[0],
    bill,
  };
}

/** A cashier-style act through the exported API: one receipt, one tender on the given allocations. */
export async function payAtDesk(
  t: TestApp,
  w: PayWorld,
  input: Pick<RecordPaymentInput, 'method' | 'amountFen' | 'allocations' | 'status'> & { collectedBy?: number },
): Promise<{ paymentId: number; receiptId: number; number: string }> {
  const payments = t.app.get(PaymentsService);
  return runInTransaction(t.db, async (tx) => {
    const receipt = await payments.openReceipt(tx, {
      companyId: w.tenant.companyId,
      projectId: w.tenant.projectId,
      houseId: w.houseId,
      issuedBy: input.collectedBy ?? w.cashier.id,
    });
    const paymentId = await payments.recordPayment(tx, {
      companyId: w.tenant.companyId,
      projectId: w.tenant.projectId,
      houseId: w.houseId,
      receiptId: receipt.id,
      collectedBy: input.collectedBy ?? w.cashier.id,
      reference: null,
      ...input,
    });
    return { paymentId, receiptId: receipt.id, number: receipt.number };
  });
}

export const billOf = async (t: TestApp, token: string, id: number): Promise<IBill> =>
  (await t.http().get(`/api/bills/mine/${id}`).set(bearer(token)).expect(200)).body as IBill;
