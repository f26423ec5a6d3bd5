import { ErrorCode } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { makeTicketWorld, TicketWorld } from './ticket-helpers';

/** Issue 12: the 代客报修 phone lookup reads personal data, so one account may not walk through numbers. */
describe('代客报修 phone lookup: a per-account limit', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp({ CALLER_LOOKUP_LIMIT_PER_MINUTE: '3' });
    w = await makeTicketWorld(t, 1);
  });
  afterAll(() => t.close());

  const lookup = (token: string, phone: string) =>
    t.http().post('/api/bindings/lookup').set(bearer(token)).send({ projectId: w.tenant.projectId, phone });

  it('answers 429 in Chinese after the limit, without searching or auditing the refused lookup', async () => {
    for (const phone of ['13900000001', '13900000002', '13900000003']) await lookup(w.cm, phone).expect(200);
    const refused = await lookup(w.cm, '13900000004').expect(429);
    expect(refused.body.code).toBe(ErrorCode.RateLimited);
    expect(refused.body.message).toMatch(/^按手机号查询过于频繁，请 \d+ 秒后再试$/);
    expect(refused.body.details.retryAfterSeconds).toBeGreaterThan(0);
    const audits = await t.db
      .getRepository(AuditEntry)
      .find({ where: { action: 'binding.caller_lookup', entityId: w.tenant.projectId } });
    expect(audits).toHaveLength(3);
  });

  it('a refused permission takes no slot: a technician gets 403, never 429', async () => {
    for (let i = 0; i < 5; i++) await lookup(w.techs[0].token, '13900000005').expect(403);
  });
});
