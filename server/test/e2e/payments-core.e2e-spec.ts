import { IPage, IPayables, IPayment, IReceipt, Role } from '@app/shared';
import { runInTransaction } from '../../src/database/transactions';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { Bill } from '../../src/modules/billing/billing.entity';
import { Charge } from '../../src/modules/charges/charge.entity';
import { ChargesService } from '../../src/modules/charges/charges.service';
import { Payment, PaymentAllocation, Receipt } from '../../src/modules/payments/payments.entity';
import { PaymentsService } from '../../src/modules/payments/payments.service';
import { makeTenant, makeVerifiedTicket } from '../support/factories';
import { staffToken } from './billing-helpers';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { makePayWorld, payAtDesk, PayWorld } from './payments-helpers';

describe('payments core: a published bill paid by a confirmed and a pending (approved) payment', () => {
  let t: TestApp;
  let w: PayWorld;
  let first: { paymentId: number; receiptId: number; number: string };
  let second: { paymentId: number; receiptId: number; number: string };
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makePayWorld(t);
  });
  afterAll(() => t.close());

  const payables = async (token = w.resident.token) =>
    (await t.http().get('/api/payments/mine/payables').query({ houseId: w.houseId }).set(bearer(token)).expect(200))
      .body as IPayables;
  const bill = () => t.db.getRepository(Bill).findOneByOrFail({ id: w.bill.id });

  it('lists the published bill as payable for its resident, and 404 for anyone else', async () => {
    const p = await payables();
    expect(p.items).toEqual([
      expect.objectContaining({
        kind: 'bill',
        id: w.bill.id,
        totalFen: w.bill.totalFen,
        paidFen: 0,
        balanceFen: w.bill.totalFen,
      }),
    ]);
    expect(p.totalBalanceFen).toBe(w.bill.totalFen);
    expect(w.bill.totalFen).toBeGreaterThan(1000);
    await t
      .http()
      .get('/api/payments/mine/payables')
      .query({ houseId: w.houseId })
      .set(bearer(w.outsider.token))
      .expect(404);
    const bad = await t
      .http()
      .get('/api/payments/mine/payables')
      .query({ houseId: 'x' })
      .set(bearer(w.resident.token))
      .expect(422);
    expect(JSON.stringify(bad.body)).toContain('房屋');
  });

  it('a confirmed cashier payment puts its amount on the bill at once, with a numbered receipt and audit rows', async () => {
    first = await payAtDesk(t, w, {
      method: 'transfer',
      amountFen: 1000,
      status: 'confirmed',
      allocations: [{ kind: 'bill', targetId: w.bill.id, amountFen: 1000, title: '本月物业账单' }],
    });
    expect(first.number).toBe(`SJ-${year}-000001`);
    expect((await bill()).paidFen).toBe(1000);
    const audit = await t.db.getRepository(AuditEntry).findBy({ entityType: 'payment', entityId: first.paymentId });
    expect(audit.map((a) => a.action)).toEqual(['payment.record']);
    expect(
      await t.db
        .getRepository(AuditEntry)
        .countBy({ entityType: 'receipt', entityId: first.receiptId, action: 'receipt.issue' }),
    ).toBe(1);
    expect((await payables()).items[0]).toMatchObject({ paidFen: 1000, balanceFen: w.bill.totalFen - 1000 });
  });

  it('a pending offline payment reserves its amount but counts only once a second person approves it', async () => {
    const rest = w.bill.totalFen - 1000;
    second = await payAtDesk(t, w, {
      method: 'cash',
      amountFen: rest,
      status: 'pending_approval',
      allocations: [{ kind: 'bill', targetId: w.bill.id, amountFen: rest, title: '本月物业账单' }],
    });
    expect(second.number).toBe(`SJ-${year}-000002`);
    expect((await bill()).paidFen).toBe(1000);
    // Still listed (so the desk sees it), with nothing left to pay while the cash waits for approval.
    expect((await payables()).items).toEqual([
      expect.objectContaining({ id: w.bill.id, paidFen: 1000, balanceFen: 0 }),
    ]);
    // The resident sees only what counts.
    const mine = (await t.http().get('/api/payments/mine').set(bearer(w.resident.token)).expect(200))
      .body as IPage<IPayment>;
    expect(mine.items.map((p) => p.id)).toEqual([first.paymentId]);

    const payments = t.app.get(PaymentsService);
    await expect(
      runInTransaction(t.db, (tx) => payments.decidePending(tx, second.paymentId, w.cashier.id, true)),
    ).rejects.toMatchObject({ status: 403 });
    await runInTransaction(t.db, (tx) => payments.decidePending(tx, second.paymentId, w.approver.id, true));
    expect(await bill()).toMatchObject({ paidFen: w.bill.totalFen, totalFen: w.bill.totalFen });
    // A second decision (a racing approver) is 409 with the current state, and changes nothing.
    const again = await runInTransaction(t.db, (tx) =>
      payments.decidePending(tx, second.paymentId, w.approver.id, false, '重复'),
    ).catch((e) => e);
    expect(again.status).toBe(409);
    expect(again.response.details.current).toMatchObject({
      id: second.paymentId,
      status: 'confirmed',
      approvedBy: w.approver.id,
    });
    expect(
      (await t.db.getRepository(AuditEntry).findBy({ entityType: 'payment', entityId: second.paymentId })).map(
        (a) => a.action,
      ),
    ).toEqual(['payment.record', 'payment.approve']);
  });

  it('never overpays: a payment beyond the balance is 409 and leaves no row behind (not even its receipt number)', async () => {
    const before = {
      payments: await t.db.getRepository(Payment).count(),
      receipts: await t.db.getRepository(Receipt).count(),
      allocations: await t.db.getRepository(PaymentAllocation).count(),
    };
    const err = await payAtDesk(t, w, {
      method: 'cash',
      amountFen: 1,
      status: 'confirmed',
      allocations: [{ kind: 'bill', targetId: w.bill.id, amountFen: 1, title: 'x' }],
    }).catch((e) => e);
    expect(err.status).toBe(409);
    expect(err.response.details.current).toMatchObject({ kind: 'bill', id: w.bill.id, paidFen: w.bill.totalFen });
    expect({
      payments: await t.db.getRepository(Payment).count(),
      receipts: await t.db.getRepository(Receipt).count(),
      allocations: await t.db.getRepository(PaymentAllocation).count(),
    }).toEqual(before);
    // The next receipt takes the number the failed one would have had: no gap.
    const ok = await payAtDesk(t, w, {
      method: 'cash',
      amountFen: 5,
      status: 'pending_approval',
      allocations: [{ kind: 'bill', targetId: w.bill.id, amountFen: 5, title: 'x' }],
    });
    expect(ok.number).toBe(`SJ-${year}-000003`);
  });

  it('staff list and receipt; the resident reads their receipt, others get 404', async () => {
    const list = (
      await t.http().get('/api/payments').query({ projectId: w.tenant.projectId }).set(bearer(w.finance)).expect(200)
    ).body as IPage<IPayment>;
    expect(list.items.map((p) => [p.method, p.status, p.amountFen])).toEqual(
      expect.arrayContaining([
        ['transfer', 'confirmed', 1000],
        ['cash', 'confirmed', w.bill.totalFen - 1000],
      ]),
    );
    const confirmed = list.items.find((p) => p.id === second.paymentId)!;
    expect(confirmed).toMatchObject({
      receiptNo: second.number,
      approvedBy: w.approver.id,
      collectedBy: w.cashier.id,
      allocations: [{ kind: 'bill', targetId: w.bill.id, amountFen: w.bill.totalFen - 1000 }],
    });
    const cash = (
      await t
        .http()
        .get('/api/payments')
        .query({ projectId: w.tenant.projectId, method: 'cash', status: 'pending_approval' })
        .set(bearer(w.finance))
        .expect(200)
    ).body as IPage<IPayment>;
    expect(cash.items.map((p) => p.amountFen)).toEqual([5]);

    const r = (await t.http().get(`/api/payments/receipts/${first.receiptId}`).set(bearer(w.finance)).expect(200))
      .body as IReceipt;
    expect(r).toMatchObject({
      number: first.number,
      totalFen: 1000,
      houseId: w.houseId,
      printCount: 0,
      payments: [{ id: first.paymentId, method: 'transfer', amountFen: 1000 }],
    });
    const mine = (
      await t.http().get(`/api/payments/mine/receipts/${second.receiptId}`).set(bearer(w.resident.token)).expect(200)
    ).body as IReceipt;
    expect(mine.totalFen).toBe(w.bill.totalFen - 1000);
    await t.http().get(`/api/payments/mine/receipts/${second.receiptId}`).set(bearer(w.outsider.token)).expect(404);
    // Another project's staff cannot read it either.
    const elsewhere = await makeTenant(t.db, 1);
    const otherFinance = await staffToken(t, Role.Finance, elsewhere.projectId);
    await t.http().get(`/api/payments/receipts/${first.receiptId}`).set(bearer(otherFinance)).expect(404);
    const none = (
      await t.http().get('/api/payments').query({ projectId: w.tenant.projectId }).set(bearer(otherFinance)).expect(200)
    ).body as IPage<IPayment>;
    expect(none.total).toBe(0);
  });

  it('a pay-now charge is payable whole or in parts and becomes paid when its total is reached; unconfirmed ones never appear', async () => {
    const post = async (unconfirmed: boolean) => {
      const vt = await makeVerifiedTicket(t.db, {
        projectId: w.tenant.projectId,
        houseId: w.houseId,
        technicianId: w.cashier.id,
      });
      const c = await t.app.get(ChargesService).postForTicket({
        ticketId: vt.id,
        ticketSerial: vt.serial,
        projectId: w.tenant.projectId,
        houseId: w.houseId,
        agreementRef: `quote-agree:${vt.id}`,
        lines: [
          {
            kind: 'labour',
            code: 'GS-001',
            name: '水龙头更换',
            unit: '个',
            unitPriceFen: 3000,
            quantityMilli: 1000,
            amountFen: 3000,
          },
        ],
        actorId: w.cashier.id,
        unconfirmed,
      });
      await t.db.getRepository(Charge).update({ id: c.id }, { paymentMethod: 'pay_now' });
      return c.id;
    };
    const chargeId = await post(false);
    const hidden = await post(true);
    const items = (await payables()).items;
    // The bill is paid in full (no longer listed); the charge is the only open item.
    expect(items.map((i) => [i.kind, i.id, i.balanceFen])).toEqual([['charge', chargeId, 3000]]);
    expect(items.some((i) => i.id === hidden)).toBe(false);
    await payAtDesk(t, w, {
      method: 'pos',
      amountFen: 1000,
      status: 'confirmed',
      allocations: [{ kind: 'charge', targetId: chargeId, amountFen: 1000, title: '特约服务' }],
    });
    expect(await t.db.getRepository(Charge).findOneByOrFail({ id: chargeId })).toMatchObject({
      status: 'open',
      paidFen: 1000,
    });
    await payAtDesk(t, w, {
      method: 'pos',
      amountFen: 2000,
      status: 'confirmed',
      allocations: [{ kind: 'charge', targetId: chargeId, amountFen: 2000, title: '特约服务' }],
    });
    const paid = await t.db.getRepository(Charge).findOneByOrFail({ id: chargeId });
    expect(paid).toMatchObject({ status: 'paid', paidFen: 3000 });
    expect(paid.paidAt).not.toBeNull();
    const over = await payAtDesk(t, w, {
      method: 'pos',
      amountFen: 1,
      status: 'confirmed',
      allocations: [{ kind: 'charge', targetId: chargeId, amountFen: 1, title: '特约服务' }],
    }).catch((e) => e);
    expect(over.status).toBe(409);
  });
});
