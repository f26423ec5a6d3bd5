import { DataSource } from 'typeorm';
import {
  IPrepayAccount,
  IPrepayLedgerEntry,
  IPrepayOffer,
  IPrepayOfferQuote,
  IPage,
  PayTargetKind,
  Role,
  TenderMethod,
  addMonths,
  areaFeeFen,
} from '@app/shared';
import { runInTransaction } from '../../src/database/transactions';
import { Bill } from '../../src/modules/billing/billing.entity';
import { PaymentsService } from '../../src/modules/payments/payments.service';
import { PrepayOffersService } from '../../src/modules/prepay/prepay-offers.service';
import { PrepaySettler } from '../../src/modules/prepay/prepay-settler';
import { PrepayService } from '../../src/modules/prepay/prepay.service';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { publishRun, runBills, setStandardItems, staffToken, thisMonth } from './billing-helpers';
import { makeTicketWorld, TicketWorld } from './ticket-helpers';

/**
 * Prepayment (预存): offers quoted from the house's property fee, a top-up (through the payments core's
 * recordPayment, as the cashier desk and the WeChat notify do) with its bonus line, auto-settlement of a
 * newly published bill, and concurrent settlements that never overdraw.
 */
describe('prepay: accounts, offers and auto-settlement of published bills', () => {
  let t: TestApp;
  let w: TicketWorld;
  let finance: string;
  let db: DataSource;
  const current = thisMonth();
  let house0: number;
  let house1: number;
  let monthlyFee0: number;

  /** A confirmed top-up payment as the desk or a WeChat notify records it (payments core, prepay_topup allocation). */
  const topup = async (houseId: number, amountFen: number, prepayOfferId?: number) =>
    runInTransaction(db, async (tx) => {
      const payments = t.app.get(PaymentsService);
      const project = w.tenant;
      const receipt = await payments.openReceipt(tx, {
        companyId: project.companyId,
        projectId: project.projectId,
        houseId,
        issuedBy: null,
      });
      return payments.recordPayment(tx, {
        companyId: project.companyId,
        projectId: project.projectId,
        houseId,
        receiptId: receipt.id,
        method: TenderMethod.Transfer,
        amountFen,
        status: 'confirmed',
        allocations: [{ kind: PayTargetKind.PrepayTopup, targetId: houseId, amountFen, title: '预存充值' }],
        reference: 'E2E',
        collectedBy: null,
        actorId: null,
        prepayOfferId: prepayOfferId ?? null,
      });
    });
  const account = async (token: string, houseId: number) =>
    (await t.http().get('/api/prepay/mine').query({ houseId }).set(bearer(token)).expect(200)).body as IPrepayAccount;
  const ledger = async (token: string, houseId: number) =>
    (
      (await t.http().get('/api/prepay/mine/ledger').query({ houseId, pageSize: 100 }).set(bearer(token)).expect(200))
        .body as IPage<IPrepayLedgerEntry>
    ).items;

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.db;
    w = await makeTicketWorld(t);
    finance = await staffToken(t, Role.Finance, w.tenant.projectId);
    await setStandardItems(t, finance, w.tenant.projectId);
    [house0, house1] = w.tenant.houseIds;
    const [row] = await db.query('SELECT area_hundredths AS a FROM houses WHERE id = ?', [house0]);
    monthlyFee0 = areaFeeFen(Number(row.a), 235);
  });
  afterAll(() => t.close());

  it('finance sets up "12 months, 1 free"; the resident sees what they pay and get, from their property fee', async () => {
    const offer = (
      await t
        .http()
        .post('/api/prepay/offers')
        .set(bearer(finance))
        .send({
          projectId: w.tenant.projectId,
          name: '预存12个月送1个月',
          payMonths: 12,
          freeMonths: 1,
          validFrom: '2020-01-01',
          validTo: null,
          active: true,
        })
        .expect(200)
    ).body as IPrepayOffer;
    // A second, inactive offer is not quoted.
    await t
      .http()
      .post('/api/prepay/offers')
      .set(bearer(finance))
      .send({
        projectId: w.tenant.projectId,
        name: '停用的优惠',
        payMonths: 6,
        freeMonths: 1,
        validFrom: '2020-01-01',
        active: false,
      })
      .expect(200);
    const bad = await t
      .http()
      .post('/api/prepay/offers')
      .set(bearer(finance))
      .send({
        projectId: w.tenant.projectId,
        name: '错',
        payMonths: 0,
        freeMonths: 1,
        validFrom: '2020-01-01',
        active: true,
      })
      .expect(422);
    expect(bad.body.details.fields).toEqual([{ field: 'payMonths', message: '预存月数不能小于 1' }]);
    // The cashier may look at accounts but not edit offers.
    await t
      .http()
      .post('/api/prepay/offers')
      .set(bearer(w.cashier))
      .send({
        projectId: w.tenant.projectId,
        name: 'x',
        payMonths: 1,
        freeMonths: 0,
        validFrom: '2020-01-01',
        active: true,
      })
      .expect(403);

    const quotes = (
      await t
        .http()
        .get('/api/prepay/mine/offers')
        .query({ houseId: house0 })
        .set(bearer(w.residentA.accessToken))
        .expect(200)
    ).body as IPrepayOfferQuote[];
    expect(quotes).toEqual([
      {
        offerId: offer.id,
        name: '预存12个月送1个月',
        payMonths: 12,
        freeMonths: 1,
        houseId: house0,
        monthlyFeeFen: monthlyFee0,
        payFen: 12 * monthlyFee0,
        bonusFen: monthlyFee0,
        fromPeriod: current,
        billingStartDate: null,
      },
    ]);
    // Someone else's house is not found.
    await t
      .http()
      .get('/api/prepay/mine/offers')
      .query({ houseId: house0 })
      .set(bearer(w.residentB.accessToken))
      .expect(404);
  });

  it('a top-up taking the offer credits the amount and the bonus as two visible ledger lines', async () => {
    const [quote] = (
      await t
        .http()
        .get('/api/prepay/mine/offers')
        .query({ houseId: house0 })
        .set(bearer(w.residentA.accessToken))
        .expect(200)
    ).body as IPrepayOfferQuote[];
    const paymentId = await topup(house0, quote.payFen, quote.offerId);
    await t.app.get(PrepaySettler).idle();
    expect((await account(w.residentA.accessToken, house0)).balanceFen).toBe(13 * monthlyFee0);
    const lines = await ledger(w.residentA.accessToken, house0);
    expect(lines.map((l) => [l.kind, l.amountFen, l.balanceAfterFen, l.paymentId])).toEqual([
      ['offer_bonus', monthlyFee0, 13 * monthlyFee0, paymentId],
      ['topup', 12 * monthlyFee0, 12 * monthlyFee0, paymentId],
    ]);
    // A top-up whose amount does not match the offer's price is refused and writes nothing.
    await expect(topup(house0, quote.payFen - 1, quote.offerId)).rejects.toMatchObject({ status: 422 });
    expect((await account(w.residentA.accessToken, house0)).balanceFen).toBe(13 * monthlyFee0);
  });

  it('publishing a bill run settles the new bill from the account; the ledger and the payment show it', async () => {
    const run = await runBills(t, finance, w.tenant.projectId, current);
    await publishRun(t, finance, run.id);
    await t.app.get(PrepaySettler).idle();
    const bill = await db
      .getRepository(Bill)
      .findOneByOrFail({ houseId: house0, period: current, status: 'published' });
    expect(bill.paidFen).toBe(bill.totalFen);
    const balance = (await account(w.residentA.accessToken, house0)).balanceFen;
    expect(balance).toBe(13 * monthlyFee0 - bill.totalFen);
    const [settle] = await ledger(w.residentA.accessToken, house0);
    expect(settle).toMatchObject({
      kind: 'settle',
      amountFen: -bill.totalFen,
      balanceAfterFen: balance,
      billId: bill.id,
    });
    const payments = await db.query(
      'SELECT method, amount_fen AS amount, status, receipt_id AS receipt FROM payments WHERE id = ?',
      [settle.paymentId],
    );
    expect(payments).toEqual([expect.objectContaining({ method: 'prepaid', status: 'confirmed' })]);
    expect(Number(payments[0].amount)).toBe(bill.totalFen);
    expect(payments[0].receipt).not.toBeNull();
    // Staff with prepay.view see the same account; another project's staff do not.
    const staff = (
      await t.http().get('/api/prepay/accounts').query({ houseId: house0 }).set(bearer(w.cashier)).expect(200)
    ).body as IPrepayAccount;
    expect(staff.balanceFen).toBe(balance);
    await t.http().get('/api/prepay/ledger').query({ houseId: house0 }).set(bearer(w.outsiderCm)).expect(404);
    // Settling again finds nothing left to pay: no new payment, no new line.
    expect(await t.app.get(PrepaySettler).settleHouse(house0)).toBe(0);
    expect(await ledger(w.residentA.accessToken, house0)).toHaveLength(3);
  });

  it('concurrent settlements of one account never overdraw it nor pay a bill twice', async () => {
    // House 1 owes this month's bill and last month's (published after it); the top-up covers one and a part of the other.
    const previous = addMonths(current, -1);
    const prevRun = await runBills(t, finance, w.tenant.projectId, previous);
    await publishRun(t, finance, prevRun.id);
    await t.app.get(PrepaySettler).idle();
    const bills = await db
      .getRepository(Bill)
      .find({ where: { houseId: house1, status: 'published' }, order: { period: 'ASC' } });
    expect(bills).toHaveLength(2);
    const owed = bills.reduce((s, b) => s + b.totalFen - b.paidFen, 0);
    const amount = bills[0].totalFen + Math.floor(bills[1].totalFen / 2);
    // Credit directly (no settle trigger) so the racing settlements below are the only ones.
    await runInTransaction(db, (tx) =>
      t.app.get(PrepayService).credit(tx, {
        houseId: house1,
        amountFen: amount,
        kind: 'topup',
        paymentId: null,
        note: 'E2E',
        ref: `e2e:race:${house1}`,
        actorId: null,
      }),
    );
    const settled = await Promise.all(Array.from({ length: 6 }, () => t.app.get(PrepaySettler).settleHouse(house1)));
    expect(settled.reduce((a, b) => a + b, 0)).toBe(amount);
    const after = await db
      .getRepository(Bill)
      .find({ where: { houseId: house1, status: 'published' }, order: { period: 'ASC' } });
    // Oldest period first (even though last month's was published later): it is paid in full, this month's with the rest.
    expect(after.map((b) => b.paidFen)).toEqual([bills[0].totalFen, amount - bills[0].totalFen]);
    expect(after.every((b) => b.paidFen <= b.totalFen)).toBe(true);
    expect(owed).toBeGreaterThan(amount);
    const lines = await ledger(w.residentB.accessToken, house1);
    expect((await account(w.residentB.accessToken, house1)).balanceFen).toBe(0);
    // The ledger is a consistent chain: each balance_after = the previous one + its amount, never negative.
    const chrono = [...lines].reverse();
    chrono.reduce((prev, l) => {
      expect(l.balanceAfterFen).toBe(prev + l.amountFen);
      expect(l.balanceAfterFen).toBeGreaterThanOrEqual(0);
      return l.balanceAfterFen;
    }, 0);
  });

  it('two debits racing for one balance: one wins, the other gets 409 with the current balance', async () => {
    const prepay = t.app.get(PrepayService);
    await runInTransaction(db, (tx) =>
      prepay.credit(tx, {
        houseId: house1,
        amountFen: 100,
        kind: 'topup',
        paymentId: null,
        note: 'E2E',
        ref: `e2e:debit:${house1}`,
        actorId: null,
      }),
    );
    const debit = (n: number) =>
      runInTransaction(db, (tx) =>
        prepay.debit(tx, {
          houseId: house1,
          amountFen: 60,
          kind: 'refund',
          billId: null,
          paymentId: null,
          note: 'E2E',
          ref: `e2e:debit:${house1}:${n}`,
          actorId: null,
        }),
      );
    const results = await Promise.allSettled([debit(1), debit(2)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.getStatus()).toBe(409);
    expect(rejected.reason.getResponse()).toMatchObject({ details: { balanceFen: 40 } });
    expect(await runInTransaction(db, (tx) => prepay.balanceOf(tx, house1))).toBe(40);
  });

  it('a quote is refused for an offer that does not apply', async () => {
    await expect(t.app.get(PrepayOffersService).quote(house0, 999_999)).rejects.toMatchObject({ status: 422 });
  });
});
