import { execFileSync } from 'node:child_process';
import { In } from 'typeorm';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shanghaiDate, type ICashierPaymentResult, type IHandoverSummary, type IPayment, Role } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { CashierCollection } from '../../src/modules/payments/cashier/cashier-collection.entity';
import { MICROPAY_POLL } from '../../src/modules/payments/cashier/micropay-desk';
import { Payment, Receipt } from '../../src/modules/payments/payments.entity';
import type { WechatPayStandIn } from '../../src/modules/wechat-pay/stand-in/wechatpay-stand-in';
import { WECHAT_PAY_STAND_IN } from '../../src/modules/wechat-pay/wechat-pay.tokens';
import { makeStaff, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';
import { deskCalls } from './cashier-desk-helpers';
import { makePayWorld, PayWorld } from './payments-helpers';

/**
 * Issue 10, the cashier desk end to end on this run's engine (what it lists and refuses, and allocation oldest first
 * over a bill and a charge: cashier-tenders.e2e-spec.ts): split tenders, offline tenders counting only after a second
 * person approves, the collector refused on their own payment, the same idempotency key answered with one receipt (also when raced), 付款码 through the WeChat Pay stand-in
 * (SUCCESS at once, USERPAYING polled), 交班汇总 sums, and the printed receipt marked 补打 from the second print.
 */
describe('cashier desk', () => {
  let t: TestApp;
  let w: PayWorld;
  let standIn: WechatPayStandIn;
  let dual: { id: number; token: string };
  const { key, bill, payables, collect, decide } = deskCalls(() => ({ t, w }), 'e2e-desk');

  beforeAll(async () => {
    t = await bootTestApp({ WECHATPAY_MODE: 'stand-in' });
    standIn = t.app.get<WechatPayStandIn>(WECHAT_PAY_STAND_IN);
    MICROPAY_POLL.intervalMs = 200;
    w = await makePayWorld(t, 3);
    // One person holding both the desk and the approval: the rule is about the act, not the role.
    const s = await makeStaff(
      t.db,
      [
        { role: Role.Cashier, scopeId: w.tenant.projectId },
        { role: Role.Finance, scopeId: w.tenant.projectId },
      ],
      { companyId: w.tenant.companyId },
    );
    dual = { id: s.id, token: (await passwordLogin(t, s.username, STAFF_PASSWORD)).accessToken };
  });
  afterAll(() => t.close());

  let split: ICashierPaymentResult;
  it('a partial split payment (cash + transfer) gets one numbered receipt; it counts only after a second person approves', async () => {
    const k = key();
    const res = await collect({
      idempotencyKey: k,
      houseId: w.houseId,
      tenders: [
        { method: 'cash', amountFen: 1000 },
        { method: 'transfer', amountFen: 550, reference: 'HX-20261201-01' },
      ],
    }).expect(200);
    split = res.body as ICashierPaymentResult;
    expect(split.pendingApproval).toBe(true);
    expect(split.receipt.number).toMatch(/^SJ-\d{4}-000001$/);
    expect(split.receipt.totalFen).toBe(1550);
    expect(split.payments.map((p) => [p.method, p.amountFen, p.status, p.reference])).toEqual([
      ['cash', 1000, 'pending_approval', null],
      ['transfer', 550, 'pending_approval', 'HX-20261201-01'],
    ]);
    expect(split.receipt.allocations).toEqual([
      expect.objectContaining({ kind: 'bill', targetId: w.bill.id, amountFen: 1000 }),
      expect.objectContaining({ kind: 'bill', targetId: w.bill.id, amountFen: 550 }),
    ]);
    expect((await bill()).paidFen).toBe(0);
    expect((await payables()).items[0].balanceFen).toBe(w.bill.totalFen - 1550);

    // The same key again (a retry after a lost answer) is the same receipt, nothing new written.
    const again = (
      await collect({
        idempotencyKey: k,
        houseId: w.houseId,
        tenders: [
          { method: 'cash', amountFen: 1000 },
          { method: 'transfer', amountFen: 550, reference: 'HX-20261201-01' },
        ],
      }).expect(200)
    ).body as ICashierPaymentResult;
    expect(again.receipt.id).toBe(split.receipt.id);
    expect(await t.db.getRepository(Receipt).countBy({ houseId: w.houseId })).toBe(1);
    expect(await t.db.getRepository(Payment).countBy({ houseId: w.houseId })).toBe(2);

    const pending = (
      await t
        .http()
        .get('/api/cashier/approvals')
        .query({ projectId: w.tenant.projectId })
        .set(bearer(w.approver.token))
        .expect(200)
    ).body as IPayment[];
    expect(pending.map((p) => p.id).sort()).toEqual(split.payments.map((p) => p.id).sort());
    // The cashier has no approval right at all; the approver decides.
    await decide(split.payments[0].id, { approve: true }, w.cashier.token).expect(403);
    const approved = (await decide(split.payments[0].id, { approve: true }).expect(200)).body as IPayment;
    expect(approved).toMatchObject({ status: 'confirmed', approvedBy: w.approver.id });
    expect((await bill()).paidFen).toBe(1000);
    // A second decision on the same payment is a conflict with the current state.
    const twice = await decide(split.payments[0].id, { approve: false, reason: '重复' }).expect(409);
    expect(JSON.stringify(twice.body)).toContain('confirmed');
    const rejected = await decide(split.payments[1].id, { approve: false }).expect(422);
    expect(JSON.stringify(rejected.body)).toContain('原因');
    await decide(split.payments[1].id, { approve: true }).expect(200);
    expect((await bill()).paidFen).toBe(1550);
    expect(
      await t.db
        .getRepository(AuditEntry)
        .countBy({ entityType: 'payment', action: 'payment.approve', entityId: In(split.payments.map((p) => p.id)) }),
    ).toBe(2);
  });

  it('the collector cannot approve their own payment, even holding the approval right (403, says why)', async () => {
    const own = (
      await collect(
        {
          idempotencyKey: key(),
          houseId: w.houseId,
          tenders: [{ method: 'pos', amountFen: 300, reference: 'POS-0001' }],
        },
        dual.token,
      ).expect(200)
    ).body as ICashierPaymentResult;
    const refused = await decide(own.payments[0].id, { approve: true }, dual.token).expect(403);
    expect(refused.body.message).toContain('收款人不能复核自己的收款');
    expect((await t.db.getRepository(Payment).findOneByOrFail({ id: own.payments[0].id })).status).toBe(
      'pending_approval',
    );
    await decide(own.payments[0].id, { approve: false, reason: '凭证号有误' }).expect(200);
    expect((await bill()).paidFen).toBe(1550);
  });

  it('one key raced from five tabs → one receipt, five identical answers', async () => {
    const k = key();
    const body = { idempotencyKey: k, houseId: w.houseId, tenders: [{ method: 'cash', amountFen: 100 }] };
    const answers = await Promise.all(Array.from({ length: 5 }, () => collect(body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => (a.body as ICashierPaymentResult).receipt.id)).size).toBe(1);
    expect(await t.db.getRepository(CashierCollection).countBy({ idempotencyKey: k })).toBe(1);
    const receiptId = (answers[0].body as ICashierPaymentResult).receipt.id;
    expect(await t.db.getRepository(Payment).countBy({ receiptId })).toBe(1);
    await decide((answers[0].body as ICashierPaymentResult).payments[0].id, { approve: true }).expect(200);
  });

  it('付款码 is confirmed at once on SUCCESS; USERPAYING is queried until the payer confirms; split tenders settle the bill oldest first', async () => {
    const paid = (await bill()).paidFen;
    const rest = w.bill.totalFen - paid;
    const quick = (
      await collect({
        idempotencyKey: key(),
        houseId: w.houseId,
        tenders: [{ method: 'wechat_micropay', amountFen: 200, authCode: standIn.issuePaymentCode() }],
      }).expect(200)
    ).body as ICashierPaymentResult;
    expect(quick.pendingApproval).toBe(false);
    expect(quick.payments[0]).toMatchObject({ method: 'wechat_micropay', status: 'confirmed', amountFen: 200 });
    expect(quick.payments[0].reference).toBeTruthy();
    expect((await bill()).paidFen).toBe(paid + 200);

    const started = Date.now();
    const slow = (
      await collect({
        idempotencyKey: key(),
        houseId: w.houseId,
        tenders: [
          { method: 'wechat_micropay', amountFen: rest - 200 - 100, authCode: standIn.issuePaymentCode('userpaying') },
          { method: 'cash', amountFen: 100 },
        ],
      }).expect(200)
    ).body as ICashierPaymentResult;
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(slow.payments.map((p) => p.status)).toEqual(['confirmed', 'pending_approval']);
    await decide(slow.payments[1].id, { approve: true }).expect(200);
    const settled = await bill();
    expect(settled.paidFen).toBe(w.bill.totalFen);
    expect((await payables()).items).toEqual([]);

    const failed = await collect({
      idempotencyKey: key(),
      houseId: w.tenant.houseIds[1],
      tenders: [{ method: 'wechat_micropay', amountFen: 100, authCode: standIn.issuePaymentCode('insufficient') }],
    }).expect(422);
    expect(failed.body.message).toContain('余额不足');
  });

  it('交班汇总 sums the day per cashier and method, with pending, rejected left out, and receipts counted', async () => {
    const date = shanghaiDate(new Date());
    const summary = (
      await t
        .http()
        .get('/api/cashier/handover')
        .query({ projectId: w.tenant.projectId, date })
        .set(bearer(w.approver.token))
        .expect(200)
    ).body as IHandoverSummary;
    const mine = summary.cashiers.find((c) => c.cashierId === w.cashier.id)!;
    const rows = await t.db.getRepository(Payment).findBy({ collectedBy: w.cashier.id });
    const counted = rows.filter((p) => p.status !== 'rejected');
    expect(mine.totalFen).toBe(counted.reduce((s, p) => s + p.amountFen, 0));
    for (const m of mine.byMethod)
      expect(m.amountFen).toBe(counted.filter((p) => p.method === m.method).reduce((s, p) => s + p.amountFen, 0));
    expect(mine.byMethod.map((m) => m.method)).toEqual(['wechat_micropay', 'cash', 'transfer']);
    expect(mine.pendingApprovalFen).toBe(
      rows.filter((p) => p.status === 'pending_approval').reduce((s, p) => s + p.amountFen, 0),
    );
    expect(mine.receiptCount).toBe(await t.db.getRepository(Receipt).countBy({ issuedBy: w.cashier.id }));
    // The rejected POS of the dual-role colleague is not money taken.
    const theirs = summary.cashiers.find((c) => c.cashierId === dual.id)!;
    expect(theirs).toMatchObject({ totalFen: 0, byMethod: [], receiptCount: 1 });
    const yesterday = shanghaiDate(new Date(Date.now() - 86_400_000));
    expect(
      (
        (
          await t
            .http()
            .get('/api/cashier/handover')
            .query({ projectId: w.tenant.projectId, date: yesterday })
            .set(bearer(w.approver.token))
            .expect(200)
        ).body as IHandoverSummary
      ).cashiers,
    ).toEqual([]);
  });

  it('the receipt prints with its number; the second print is marked 补打 and the count goes up atomically', async () => {
    const pdfText = async (url: string, token: string) => {
      const res = await t
        .http()
        .get(url)
        .set(bearer(token))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toContain('application/pdf');
      const dir = mkdtempSync(join(tmpdir(), 'receipt-e2e-'));
      writeFileSync(join(dir, 'r.pdf'), res.body as Buffer);
      return execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    };
    const first = await pdfText(`/api/payments/receipts/${split.receipt.id}/pdf`, w.cashier.token);
    expect(first).toContain(split.receipt.number);
    expect(first).not.toContain('补打');
    const [second, third] = await Promise.all([
      pdfText(`/api/payments/receipts/${split.receipt.id}/pdf`, w.cashier.token),
      pdfText(`/api/payments/mine/receipts/${split.receipt.id}/pdf`, w.resident.token),
    ]);
    expect(second).toContain('补打');
    expect(third).toContain('补打');
    expect([second, third].map((s) => /第 (\d) 次打印/.exec(s)?.[1]).sort()).toEqual(['2', '3']);
    expect((await t.db.getRepository(Receipt).findOneByOrFail({ id: split.receipt.id })).printCount).toBe(3);
    expect(
      await t.db
        .getRepository(AuditEntry)
        .countBy({ entityType: 'receipt', entityId: split.receipt.id, action: 'receipt.reprint' }),
    ).toBe(2);
    await t.http().get(`/api/payments/mine/receipts/${split.receipt.id}/pdf`).set(bearer(w.outsider.token)).expect(404);
  });
});
