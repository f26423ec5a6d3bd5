import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import type { ITicket } from '@app/shared';
import { OutboxRunner } from '../../src/modules/notifications/outbox-runner';
import type { OutboxWorker } from '../../src/modules/notifications/outbox-worker';
import { bearer, TestApp } from '../support/test-app';
import { act, createHomeRepair, TicketWorld } from './ticket-helpers';

export const TEMPLATES = {
  WECHAT_TEMPLATE_JOB_DISPATCH: 'tmpl-job-dispatch',
  WECHAT_TEMPLATE_TICKET_PROGRESS: 'tmpl-ticket-progress',
};
/** Tests drive the workers themselves; short lease and backoff so a crash is recovered within a test. */
export const FAST = {
  NOTIFY_WORKER: 'false',
  NOTIFY_POLL_MS: '40',
  NOTIFY_LEASE_MS: '1200',
  NOTIFY_RETRY_BASE_MS: '100',
  NOTIFY_MAX_ATTEMPTS: '4',
};

export interface OutboxRow {
  id: number;
  status: string;
  channel: string | null;
  attempts: number;
  user_id: number;
  kind: string;
  dedupe_key: string;
}
export interface DeliveryRow {
  attempt: number;
  channel: string;
  outcome: string;
  errcode: number | null;
  worker: string;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

export const outboxFor = async (t: TestApp, userId: number, kind: string): Promise<OutboxRow[]> =>
  t.db.query(
    'SELECT id, status, channel, attempts, user_id, kind, dedupe_key FROM notification_outbox WHERE user_id = ? AND kind = ? ORDER BY id',
    [userId, kind],
  );

export const deliveries = async (t: TestApp, outboxId: number): Promise<DeliveryRow[]> =>
  (
    await t.db.query(
      'SELECT attempt, channel, outcome, errcode, worker FROM notification_deliveries WHERE outbox_id = ? ORDER BY attempt',
      [outboxId],
    )
  ).map((r: DeliveryRow) => ({
    ...r,
    attempt: Number(r.attempt),
    errcode: r.errcode === null ? null : Number(r.errcode),
  }));

export async function settled(t: TestApp, userId: number, kind: string): Promise<OutboxRow> {
  return waitFor(`${kind} to settle`, async () => {
    const [row] = await outboxFor(t, userId, kind);
    return row && !['pending', 'sending'].includes(row.status) ? { ...row, attempts: Number(row.attempts) } : null;
  });
}

export async function openIdOf(t: TestApp, userId: number): Promise<string> {
  const [row] = await t.db.query('SELECT wechat_open_id AS o FROM users WHERE id = ?', [userId]);
  return row.o;
}

export const worker = (t: TestApp, name: string): OutboxWorker => t.app.get(OutboxRunner).createWorker(name);

export const reportAccept = (t: TestApp, token: string, templateId: string) =>
  t
    .http()
    .post('/api/notifications/subscriptions')
    .set(bearer(token))
    .send({ results: [{ templateId, result: 'accept' }] })
    .expect(200);

/** A home repair registered by the customer manager: the resident gets 'ticket.registered'. */
export async function registeredTicket(t: TestApp, w: TicketWorld): Promise<ITicket> {
  const ticket = await createHomeRepair(t, w);
  await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
  return ticket;
}

export function redisUp(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(6379, '127.0.0.1');
    s.once('connect', () => {
      s.end();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** Checked while jest collects tests (so a spec can choose it or it.skip): is Redis listening on 6379? */
export function redisUpSync(): boolean {
  const probe =
    "const s=require('net').connect(6379,'127.0.0.1');s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),1000)";
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
}
