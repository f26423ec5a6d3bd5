import { IBillDetail, IBillRun, Role, ScopeType } from '@app/shared';
import { BillRunQueue } from '../../src/modules/billing/run/run-queue';
import { makeStaff, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';

/**
 * The app and helpers of the billing-inputs-run specs (input-driven line sources inside real bill runs):
 * registers the app's beforeAll/afterAll in the calling describe; `tok` holds the tokens by name.
 */
export function inputsRunFixture() {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const http = () => t.http();

  const staff = async (name: string, role: Role, scopeId: number, scopeType: ScopeType = ScopeType.Project) => {
    const s = await makeStaff(t.db, [{ role, scopeType, scopeId }]);
    tok[name] = (await passwordLogin(t, s.username, STAFF_PASSWORD)).accessToken;
  };
  const item = (projectId: number, body: Record<string, unknown>) =>
    http()
      .post('/api/billing/items')
      .set(bearer(tok.finance))
      .send({ projectId, effectiveFrom: '2025-01', ...body })
      .expect(201);
  const reading = (projectId: number, houseId: number, period: string, value: string) =>
    http()
      .post('/api/billing/readings')
      .set(bearer(tok.finance))
      .send({ projectId, houseId, itemCode: 'SF', period, reading: value })
      .expect(200);

  /** Runs, checks (and publishes) a project month; answers the checked run and every bill's detail by house. */
  const runMonth = async (
    projectId: number,
    period: string,
    publish = true,
  ): Promise<{ run: IBillRun; bills: Map<number, IBillDetail> }> => {
    const started = await http()
      .post('/api/billing/runs')
      .set(bearer(tok.finance))
      .send({ projectId, period })
      .expect(202);
    await t.app.get(BillRunQueue).idle();
    const runId = (started.body as IBillRun[])[0].id;
    const run = (await http().post(`/api/billing/runs/${runId}/check`).set(bearer(tok.finance)).expect(200))
      .body as IBillRun;
    expect(run.status).toBe('checked');
    if (publish) await http().post(`/api/billing/runs/${runId}/publish`).set(bearer(tok.finance)).expect(200);
    const list = await http()
      .get(`/api/billing/bills?projectId=${projectId}&period=${period}&pageSize=200`)
      .set(bearer(tok.finance))
      .expect(200);
    const bills = new Map<number, IBillDetail>();
    for (const b of list.body.items as { id: number; houseId: number }[]) {
      bills.set(b.houseId, (await http().get(`/api/billing/bills/${b.id}`).set(bearer(tok.finance)).expect(200)).body);
    }
    return { run, bills };
  };
  const linesOf = (bill: IBillDetail | undefined, kind: string) => (bill?.lines ?? []).filter((l) => l.kind === kind);
  const sum = (values: number[]) => values.reduce((x, y) => x + y, 0);

  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());
  return { app: () => t, tok, http, staff, item, reading, runMonth, linesOf, sum };
}
