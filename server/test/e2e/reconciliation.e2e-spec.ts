import { DiscrepancyKind, IReconciliationDiscrepancy, IReconciliationRun } from '@app/shared';
import { IsNull } from 'typeorm';
import { runInTransaction } from '../../src/database/transactions';
import { PaymentsService } from '../../src/modules/payments/payments.service';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { ReconciliationDiscrepancy } from '../../src/modules/payments/reconciliation/reconciliation.entity';
import { ReconciliationScheduler } from '../../src/modules/payments/reconciliation/reconciliation.scheduler';
import { ReconciliationService, shanghaiDate } from '../../src/modules/payments/reconciliation/reconciliation.service';
import type { WechatPayStandIn } from '../../src/modules/wechat-pay/stand-in/wechatpay-stand-in';
import { WechatPayClient } from '../../src/modules/wechat-pay/wechat-pay.client';
import { WECHAT_PAY_STAND_IN } from '../../src/modules/wechat-pay/wechat-pay.tokens';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { makePayWorld, PayWorld } from './payments-helpers';
import { ownDatabase } from './reconciliation-helpers';

/** Daily reconciliation against the WeChat Pay stand-in's trade bill (docs/reconciliation.md). */
describe('reconciliation: trade bill vs local WeChat payments', () => {
  let t: TestApp;
  let w: PayWorld;
  let wx: WechatPayStandIn;
  let client: WechatPayClient;
  const today = shanghaiDate(new Date());
  const paid: Array<{ no: string; transactionId: string; fen: number }> = [];

  let drop: () => Promise<void>;

  beforeAll(async () => {
    const own = await ownDatabase('recon');
    drop = own.drop;
    // The stand-in's notifies go nowhere here: these payments are recorded directly, like a confirmed micropay.
    t = await bootTestApp({
      ...own.env,
      WECHATPAY_MODE: 'stand-in',
      WECHATPAY_NOTIFY_URL: 'http://127.0.0.1:9/notify',
    });
    w = await makePayWorld(t);
    wx = t.app.get<WechatPayStandIn>(WECHAT_PAY_STAND_IN);
    client = t.app.get(WechatPayClient);
    for (const fen of [300, 400, 500]) {
      const no = `RC${Date.now()}${Math.floor(Math.random() * 1e6)}`;
      await client.prepayJsapi({
        description: '物业费',
        outTradeNo: no,
        amountFen: fen,
        payerOpenid: 'o-recon',
        timeExpire: new Date(Date.now() + 600_000),
      });
      const tx = wx.pay(no);
      await runInTransaction(t.db, async (m) => {
        const payments = t.app.get(PaymentsService);
        const receipt = await payments.openReceipt(m, {
          companyId: w.tenant.companyId,
          projectId: w.tenant.projectId,
          houseId: w.houseId,
          issuedBy: w.cashier.id,
        });
        await payments.recordPayment(m, {
          companyId: w.tenant.companyId,
          projectId: w.tenant.projectId,
          houseId: w.houseId,
          receiptId: receipt.id,
          collectedBy: w.cashier.id,
          method: 'wechat_micropay',
          status: 'confirmed',
          amountFen: fen,
          reference: tx.transaction_id,
          allocations: [{ kind: 'bill', targetId: w.bill.id, amountFen: fen, title: '物业账单' }],
        });
      });
      paid.push({ no, transactionId: tx.transaction_id!, fen });
    }
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  const run = async (date: string, token = w.finance, status = 200) =>
    (await t.http().post('/api/reconciliation/runs').send({ date }).set(bearer(token)).expect(status))
      .body as IReconciliationRun;
  const discrepancies = async (id: number) =>
    (await t.http().get(`/api/reconciliation/runs/${id}/discrepancies`).set(bearer(w.finance)).expect(200))
      .body as IReconciliationDiscrepancy[];

  it('a clean day: every payment in the bill, zero discrepancies, equal totals', async () => {
    const r = await run(today);
    expect(r).toEqual(
      expect.objectContaining({
        date: today,
        status: 'done',
        remoteCount: 3,
        localCount: 3,
        remoteTotalFen: 1200,
        localTotalFen: 1200,
        discrepancyCount: 0,
        error: null,
      }),
    );
    expect(await discrepancies(r.id)).toEqual([]);
  });

  it('an injected extra row, a dropped row and a changed amount → exactly those three, and a re-run replaces the result', async () => {
    wx.bill.addRow(today, { outTradeNo: 'RCEXTRA0001', orderTotalFen: 777 });
    wx.bill.drop(today, paid[1].no);
    wx.bill.changeAmount(today, paid[2].no, 450);
    const first = await run(today);
    const again = await run(today);
    expect(again.id).toBe(first.id);
    expect(again).toEqual(
      expect.objectContaining({
        status: 'done',
        remoteCount: 3,
        localCount: 3,
        remoteTotalFen: 300 + 777 + 450,
        localTotalFen: 1200,
        discrepancyCount: 3,
      }),
    );
    const found = await discrepancies(again.id);
    const pick = (d: IReconciliationDiscrepancy) => ({
      kind: d.kind,
      outTradeNo: d.outTradeNo,
      transactionId: d.transactionId,
      localFen: d.localFen,
      remoteFen: d.remoteFen,
    });
    expect(found.map(pick).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      {
        kind: DiscrepancyKind.AmountDiffers,
        outTradeNo: paid[2].no,
        transactionId: paid[2].transactionId,
        localFen: 500,
        remoteFen: 450,
      },
      {
        kind: DiscrepancyKind.MissingLocally,
        outTradeNo: 'RCEXTRA0001',
        transactionId: expect.any(String),
        localFen: null,
        remoteFen: 777,
      },
      {
        kind: DiscrepancyKind.MissingRemotely,
        outTradeNo: null,
        transactionId: paid[1].transactionId,
        localFen: 400,
        remoteFen: null,
      },
    ]);
    // Replaced, not appended: the table holds only the latest result of the date.
    expect(await t.db.getRepository(ReconciliationDiscrepancy).countBy({ runId: again.id })).toBe(3);
    const runs = (await t.http().get('/api/reconciliation/runs').set(bearer(w.finance)).expect(200))
      .body as IReconciliationRun[];
    expect(runs.filter((r) => r.date === today)).toHaveLength(1);
    const audits = await t.db.getRepository(AuditEntry).findBy({ action: 'reconciliation.run', entityId: again.id });
    expect(audits.length).toBe(3);
  });

  it('a day without trades is reconciled as zero against zero', async () => {
    const day = shanghaiDate(new Date(), -3);
    const r = await run(day);
    expect(r).toEqual(
      expect.objectContaining({ date: day, status: 'done', remoteCount: 0, localCount: 0, discrepancyCount: 0 }),
    );
  });

  it('the schedule reconciles yesterday once, across concurrent instances, and not before its time', async () => {
    const scheduler = t.app.get(ReconciliationScheduler);
    expect(await scheduler.tick('24:00')).toBeNull(); // never due: no run written
    const yesterday = shanghaiDate(new Date(), -1);
    const service = t.app.get(ReconciliationService);
    const results = await Promise.all([
      service.runScheduled(yesterday),
      service.runScheduled(yesterday),
      scheduler.tick('00:00'),
    ]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await service.runScheduled(yesterday)).toBeNull();
    const runs = (
      await t
        .http()
        .get('/api/reconciliation/runs')
        .query({ from: yesterday, to: yesterday })
        .set(bearer(w.finance))
        .expect(200)
    ).body as IReconciliationRun[];
    expect(runs).toEqual([expect.objectContaining({ date: yesterday, status: 'done' })]);
    expect(
      await t.db
        .getRepository(AuditEntry)
        .countBy({ action: 'reconciliation.run', entityId: runs[0].id, actorId: IsNull() }),
    ).toBe(1);
  });

  it('a failed download is kept as a failed run with its reason, and a re-run recovers it', async () => {
    const day = shanghaiDate(new Date(), -5);
    // Aimed at the bill request: a payment sweep's order query in the shared database must not take the 500.
    wx.failNext('http500', 1, '/v3/bill/tradebill');
    const failed = await run(day);
    expect(failed).toEqual(expect.objectContaining({ status: 'failed', discrepancyCount: 0 }));
    expect(failed.error).toBeTruthy();
    expect(await run(day)).toEqual(expect.objectContaining({ id: failed.id, status: 'done', error: null }));
  });

  it('only reconcile holders: a cashier gets 403, a resident 403; bad dates name the field', async () => {
    await t.http().get('/api/reconciliation/runs').set(bearer(w.cashier.token)).expect(403);
    await t.http().post('/api/reconciliation/runs').send({ date: today }).set(bearer(w.cashier.token)).expect(403);
    await t.http().get('/api/reconciliation/runs/1/discrepancies').set(bearer(w.cashier.token)).expect(403);
    await t.http().get('/api/reconciliation/runs').set(bearer(w.resident.token)).expect(403);
    const bad = await t
      .http()
      .post('/api/reconciliation/runs')
      .send({ date: '2026-13-01' })
      .set(bearer(w.finance))
      .expect(422);
    expect(JSON.stringify(bad.body)).toContain('对账日期');
    const future = await t
      .http()
      .post('/api/reconciliation/runs')
      .send({ date: shanghaiDate(new Date(), 2) })
      .set(bearer(w.finance))
      .expect(422);
    expect(JSON.stringify(future.body)).toContain('不能晚于今天');
    await t.http().get('/api/reconciliation/runs/999999/discrepancies').set(bearer(w.finance)).expect(404);
  });
});
