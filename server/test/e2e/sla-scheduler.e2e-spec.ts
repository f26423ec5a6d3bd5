import type { ITicket } from '@app/shared';
import { useClockForTests } from '../../src/common/time';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { makeTicketWorld } from './ticket-helpers';

const MIN = 60_000;

/** docs/sla.md: the scheduler sweeps by itself (SLA_POLL_SECONDS); the clocks themselves are in sla.e2e-spec.ts. */
describe('SLA scheduler: polls on its own every SLA_POLL_SECONDS', () => {
  let t: TestApp;
  afterAll(async () => {
    useClockForTests(null);
    await t.close();
  });

  it('warns without anyone calling the sweep', async () => {
    // The clock is set before the scheduler starts: a pass that read the real time (an hour later) and then
    // found the new ticket would see warn and breach at once (CI, MariaDB, under load).
    const start = new Date(Date.now() - 3_600_000);
    useClockForTests(() => start);
    t = await bootTestApp({ NOTIFY_WORKER: 'false', SLA_POLL_SECONDS: '1' });
    const w = await makeTicketWorld(t, 1);
    const ticket = (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(w.cm))
        .send({
          projectId: w.tenant.projectId,
          kind: 'repair',
          scope: 'public',
          category: 'GD',
          urgency: 'emergency',
          description: '地下室进水',
          channel: 'phone',
          contactName: '赵女士',
          contactPhone: '13811113333',
        })
        .expect(201)
    ).body as ITicket;
    useClockForTests(() => new Date(start.getTime() + 25 * MIN));
    const until = Date.now() + 10_000;
    let rows: { stage: string }[] = [];
    while (!rows.length && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      rows = await t.db.query('SELECT stage FROM sla_alerts WHERE ticket_id = ?', [ticket.id]);
    }
    expect(rows).toEqual([{ stage: 'warn' }]);
  });
});
