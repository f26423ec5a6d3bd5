import { LIMITS } from '@app/shared';
import { MAX_JSON_DEPTH } from '../../src/common/json-body';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { fitReason } from '../../src/modules/audit/audit.service';
import { Charge } from '../../src/modules/charges/charge.entity';
import { Ticket } from '../../src/modules/tickets/ticket.entity';
import { bearer } from '../support/test-app';
import { fieldsOf } from './input-bounds-routes';
import { makeBoundsWorld, ticketSteps, type BoundsWorld } from './input-bounds-world';
import { act } from './ticket-helpers';

/** R14, the defects the generated bound checks found (input-bounds.e2e-spec.ts), one by one, on this run's engine. */
describe(`R14 input bounds, the defects found, on ${process.env.E2E_DB ?? 'the default database'}`, () => {
  const b = {} as BoundsWorld;
  const { ticketOf, submitted, onSite, quoted } = ticketSteps(b);

  beforeAll(async () => {
    Object.assign(b, await makeBoundsWorld());
  }, 60_000);
  afterAll(() => b.t?.close());

  it('a 200-character decline reason is stored (was "Data too long for column cancel_reason" on MariaDB)', async () => {
    const id = await quoted();
    const reason = '贵'.repeat(200);
    await act(b.t, b.w.residentA.accessToken, id, 'decline-quote', { reason }).expect(200);
    const row = await b.t.db.getRepository(Ticket).findOneByOrFail({ id });
    expect(row.cancelReason).toBe(`业主拒绝报价：${reason}`);
  });

  it('a 500-character damage description is recorded with its audit row (audit reason was 200 wide)', async () => {
    const id = await submitted();
    const description = '损'.repeat(500);
    await act(b.t, b.w.pm, id, 'damage', { description, compensationFen: LIMITS.compensationFen }).expect(200);
    const audit = await b.t.db
      .getRepository(AuditEntry)
      .findOneByOrFail({ action: 'ticket.damage', projectId: b.w.tenant.projectId, reason: description });
    expect(audit.reason).toBe(description);
    await act(b.t, b.w.pm, id, 'damage', { description: '损', compensationFen: LIMITS.compensationFen + 1 }).expect(
      422,
    );
  });

  it('audit reasons longer than the column are cut, never fail the action', () => {
    expect(fitReason(null)).toBeNull();
    expect(fitReason('短')).toBe('短');
    const long = fitReason('😀'.repeat(600))!;
    expect(Array.from(long)).toHaveLength(500);
    expect(long.endsWith('…')).toBe(true);
  });

  it('counter sales: 1,000,000 × ¥120 is refused by the quantity bound, a large total by the counter ceiling; nothing is stored', async () => {
    const before = await b.t.db.getRepository(Charge).countBy({ projectId: b.w.tenant.projectId, source: 'counter' });
    const sale = (code: string, quantityMilli: number) =>
      b.t
        .http()
        .post('/api/counter-sales')
        .set(bearer(b.w.cashier))
        .send({ projectId: b.w.tenant.projectId, items: [{ code, quantityMilli }], paidBy: 'cash' });
    const huge = await sale('DY-120', 1_000_000_000).expect(422);
    expect(fieldsOf(huge.body)).toContain('items.0.quantityMilli');
    // 10,000 × ¥120 = ¥1,200,000: every line valid, the total above the counter ceiling.
    const total = await sale('DY-120', LIMITS.lineQuantityMilli).expect(422);
    expect(fieldsOf(total.body)).toEqual(['items']);
    expect(total.body.message).toContain('超过上限');
    // ¥120,000,000 (the sale SQLite used to accept): refused as well.
    await b.t
      .http()
      .post('/api/counter-sales')
      .set(bearer(b.w.cashier))
      .send({
        projectId: b.w.tenant.projectId,
        items: Array.from({ length: 50 }, () => ({ code: 'DY-120', quantityMilli: LIMITS.lineQuantityMilli })),
        paidBy: 'cash',
      })
      .expect(422);
    expect(await b.t.db.getRepository(Charge).countBy({ projectId: b.w.tenant.projectId, source: 'counter' })).toBe(
      before,
    );
    // At the ceiling exactly: accepted.
    await sale('DY-001', LIMITS.lineQuantityMilli).expect(201);
  });

  it('a 30-line quote at the largest quantities is refused by the quote ceiling (was "Out of range for total_fen")', async () => {
    const id = await onSite();
    const items = Array.from({ length: 30 }, () => ({ code: 'GS-005', quantityMilli: LIMITS.lineQuantityMilli }));
    const res = await act(b.t, b.tech().token, id, 'quote', { items }).expect(422);
    expect(fieldsOf(res.body)).toEqual(['items']);
    expect((await ticketOf(b.tech().token, id)).status).toBe('on_site');
  });

  it('company settings: cash limit ≤ ¥500 and waiver cap ≤ ¥2,000 (¥1,000,000 was accepted)', async () => {
    const path = `/api/companies/${b.w.tenant.companyId}/settings`;
    const put = (body: object) => b.t.http().put(path).set(bearer(b.finance)).send(body);
    for (const [body, field] of [
      [{ cashLimitFen: 100_000_000, waiverMonthlyCapFen: 20_000 }, 'cashLimitFen'],
      [{ cashLimitFen: 50_001, waiverMonthlyCapFen: 20_000 }, 'cashLimitFen'],
      [{ cashLimitFen: 5_000, waiverMonthlyCapFen: 100_000_000 }, 'waiverMonthlyCapFen'],
      [{ cashLimitFen: 5_000, waiverMonthlyCapFen: 200_001 }, 'waiverMonthlyCapFen'],
    ] as const) {
      const res = await put(body).expect(422);
      expect(fieldsOf(res.body)).toEqual([field]);
    }
    expect((await put({ cashLimitFen: 50_000, waiverMonthlyCapFen: 200_000 }).expect(200)).body).toMatchObject({
      cashLimitFen: 50_000,
      waiverMonthlyCapFen: 200_000,
    });
    await put({ cashLimitFen: 5_000, waiverMonthlyCapFen: 20_000 }).expect(200);
  });

  it('a deeply nested JSON body answers 400, not 500; a body over 1 MB answers 413', async () => {
    const post = (text: string) =>
      b.t
        .http()
        .post('/api/tickets')
        .set(bearer(b.w.residentA.accessToken))
        .set('content-type', 'application/json')
        .send(text);
    const depth = 170_000; // ~1 MB of nesting
    for (const text of [
      `{"description":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      `{"description":${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}}`,
    ]) {
      const res = await post(text);
      expect(res.status).toBe(text.length > 1024 * 1024 ? 413 : 400);
      expect(res.body.code).toBeDefined();
    }
    // Brackets inside strings are text, not nesting.
    const res = await post(
      JSON.stringify({
        houseId: b.w.tenant.houseIds[0],
        kind: 'repair',
        scope: 'home',
        category: 'GS',
        urgency: 'normal',
        description: '['.repeat(500),
      }),
    );
    expect(res.status).toBe(201);
    const wide = await post(JSON.stringify({ mediaIds: Array.from({ length: 200_000 }, (_, i) => i + 1) }));
    expect([413, 422]).toContain(wide.status);
  });
});
