import type { IComplaintDetail } from '@app/shared';
import { bearer, TestApp } from '../support/test-app';
import { TicketWorld } from './ticket-helpers';

export const complaintAct = (t: TestApp, token: string, id: number, action: string, body: object = {}) =>
  t.http().post(`/api/complaints/${id}/${action}`).set(bearer(token)).send(body);

export async function fileComplaint(t: TestApp, token: string, body: object): Promise<IComplaintDetail> {
  return (
    await t
      .http()
      .post('/api/complaints')
      .set(bearer(token))
      .send({ category: 'quality', description: '维修后仍然漏水，师傅态度差', ...body })
      .expect(201)
  ).body;
}

export async function roleIds(t: TestApp, w: TicketWorld, role: string): Promise<number[]> {
  return (
    await t.db.query('SELECT user_id FROM role_assignments WHERE role = ? AND scope_id = ? ORDER BY user_id', [
      role,
      w.tenant.projectId,
    ])
  ).map((r: { user_id: number }) => Number(r.user_id));
}

/** Outbox rows of a kind (the in-app inbox row is written with each). */
export async function outbox(t: TestApp, kind: string, refPrefix: string): Promise<number[]> {
  return (
    await t.db.query('SELECT user_id FROM notification_outbox WHERE kind = ? AND dedupe_key LIKE ? ORDER BY user_id', [
      kind,
      `${refPrefix}%`,
    ])
  ).map((r: { user_id: number }) => Number(r.user_id));
}
