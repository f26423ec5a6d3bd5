import { IBillRun, Role, ScopeType, shanghaiMonth } from '@app/shared';
import { BillRunQueue } from '../../src/modules/billing/run/run-queue';
import { makeStaff, STAFF_PASSWORD } from '../support/factories';
import { bearer, passwordLogin, TestApp } from '../support/test-app';

export const thisMonth = (): string => shanghaiMonth(new Date());

export async function staffToken(t: TestApp, role: Role, projectId: number, companyId?: number): Promise<string> {
  const s = await makeStaff(t.db, [{ role, scopeType: ScopeType.Project, scopeId: projectId }], { companyId });
  return (await passwordLogin(t, s.username, STAFF_PASSWORD)).accessToken;
}

/** Area and fixed items every billing spec starts from (2.35 元/㎡·月 物业费, 10 元/月 公共能耗). */
export async function setStandardItems(
  t: TestApp,
  finance: string,
  projectId: number,
  from = '2026-01',
): Promise<void> {
  await t
    .http()
    .post('/api/billing/items')
    .set(bearer(finance))
    .send({
      projectId,
      code: 'WY',
      name: '物业服务费',
      kind: 'area',
      houseType: null,
      unitPrice: '2.35',
      unit: '元/㎡·月',
      effectiveFrom: from,
    })
    .expect(201);
  await t
    .http()
    .post('/api/billing/items')
    .set(bearer(finance))
    .send({
      projectId,
      code: 'GGNH',
      name: '公共能耗费',
      kind: 'fixed',
      unitPrice: '10',
      unit: '元/月',
      effectiveFrom: from,
    })
    .expect(201);
}

/** Starts a run and waits until the in-process queue has worked it off. */
export async function runBills(t: TestApp, token: string, projectId: number, period: string): Promise<IBillRun> {
  const started = await t.http().post('/api/billing/runs').set(bearer(token)).send({ projectId, period }).expect(202);
  await t.app.get(BillRunQueue).idle();
  const res = await t.http().get(`/api/billing/runs/${started.body[0].id}`).set(bearer(token)).expect(200);
  return res.body as IBillRun;
}

export async function publishRun(t: TestApp, token: string, runId: number): Promise<IBillRun> {
  await t.http().post(`/api/billing/runs/${runId}/check`).set(bearer(token)).expect(200);
  return (await t.http().post(`/api/billing/runs/${runId}/publish`).set(bearer(token)).expect(200)).body as IBillRun;
}
