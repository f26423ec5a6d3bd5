import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/database/data-source';
import { seedDemo } from '../../src/seed/demo-seed';
import { seedDemoTickets } from '../../src/seed/demo-tickets-seed';
import { createTestDatabase, databaseEnv, SCHEMA_HISTORY_TIMEOUT_MS } from '../support/test-database';

/** Runs on the same engine as the rest of the run (MariaDB, or SQLite when no MySQL is reachable). */
describe(`migrations and demo seed on ${process.env.E2E_DB ?? 'the default database'}`, () => {
  const kind = (process.env.E2E_DB as 'mysql' | 'sqlite') ?? 'sqlite';

  it(
    'migrates up, down to nothing, and up again',
    async () => {
      const db = await createTestDatabase(kind, 'mig');
      const config = loadConfig({ ...databaseEnv(db), NODE_ENV: 'test', JWT_SECRET: 'z'.repeat(40) });
      const ds = await openDataSource(config);
      try {
        const applied = await ds.runMigrations({ transaction: 'each' });
        expect(applied.length).toBe(ds.migrations.length);
        const tables = async () =>
          (await ds.createQueryRunner().getTables(['users', 'houses', 'house_bindings', 'refresh_tokens'])).length;
        expect(await tables()).toBe(4);
        // Payments (1764400400000): its six tables and charges.paid_fen come and go with it.
        const payments = ['pay_orders', 'payments', 'payment_allocations', 'receipts', 'receipt_counters', 'refunds'];
        expect((await ds.createQueryRunner().getTables(payments)).length).toBe(6);
        expect((await ds.createQueryRunner().getTable('charges'))!.columns.map((c) => c.name)).toContain('paid_fen');
        const position = ds.migrations.map((m) => m.name).indexOf('Payments1764400400000');
        for (let i = ds.migrations.length - 1; i >= position; i--) await ds.undoLastMigration({ transaction: 'each' });
        expect((await ds.createQueryRunner().getTables(payments)).length).toBe(0);
        expect((await ds.createQueryRunner().getTable('charges'))!.columns.map((c) => c.name)).not.toContain(
          'paid_fen',
        );
        await ds.runMigrations({ transaction: 'each' });
        // InboxObjectId (1764400630000): inbox_messages.object_id comes and goes with it.
        const inboxColumns = async () =>
          (await ds.createQueryRunner().getTable('inbox_messages'))!.columns.map((c) => c.name);
        expect(await inboxColumns()).toContain('object_id');
        const inboxAt = ds.migrations.map((m) => m.name).indexOf('InboxObjectId1764400630000');
        for (let i = ds.migrations.length - 1; i >= inboxAt; i--) await ds.undoLastMigration({ transaction: 'each' });
        expect(await inboxColumns()).not.toContain('object_id');
        await ds.runMigrations({ transaction: 'each' });
        for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
        expect(await tables()).toBe(0);
        expect(await ds.showMigrations()).toBe(true);
        await ds.runMigrations({ transaction: 'each' });
        expect(await tables()).toBe(4);
        expect(await ds.showMigrations()).toBe(false);
      } finally {
        await ds.destroy();
        await db.drop();
      }
    },
    SCHEMA_HISTORY_TIMEOUT_MS,
  );

  it(
    'moves agreement and rating data out of tickets and back again (up and down, with data)',
    async () => {
      const db = await createTestDatabase(kind, 'outcomes');
      const config = loadConfig({ ...databaseEnv(db), NODE_ENV: 'test', JWT_SECRET: 'z'.repeat(40) });
      const ds = await openDataSource(config);
      try {
        await ds.runMigrations({ transaction: 'each' });
        // Undo the migrations that came after it, then it: the schema is back to tickets holding the columns.
        const names = ds.migrations.map((m) => m.name);
        const position = names.indexOf('TicketAgreementsAndRatings1764300000000');
        expect(position).toBeGreaterThan(0);
        for (let i = names.length - 1; i >= position; i--) await ds.undoLastMigration({ transaction: 'each' });
        // Three tickets as the old schema held them: agreed, accepted and rated; agreed only; neither.
        const base = `project_id, serial, kind, category, urgency, description, channel, status, dispatch_mode, reporter_id, created_by, created_at, updated_at`;
        const row = (serial: string) =>
          `1, '${serial}', 'repair', 'GS', 'normal', '漏水', 'phone', 'verified', 'pool', 7, 7, '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000'`;
        await ds.query(`INSERT INTO tickets (${base}, agreed_quote_id, agreed_total_fen, agreement_signature_id, final_quote_id, rating_overall, rating_punctuality, rating_attitude, rating_comment)
        VALUES (${row('T-1')}, 11, 12000, 21, 12, 5, 4, 3, '师傅很细心')`);
        await ds.query(
          `INSERT INTO tickets (${base}, agreed_quote_id, agreed_total_fen, agreement_signature_id) VALUES (${row('T-2')}, 13, 8000, 22)`,
        );
        await ds.query(`INSERT INTO tickets (${base}) VALUES (${row('T-3')})`);
        const ids = Object.fromEntries(
          (await ds.query('SELECT id, serial FROM tickets')).map((r: { id: number | string; serial: string }) => [
            r.serial,
            Number(r.id),
          ]),
        );
        const old = `SELECT serial, agreed_quote_id, agreed_total_fen, agreement_signature_id, final_quote_id, rating_overall, rating_punctuality, rating_attitude, rating_comment FROM tickets ORDER BY serial`;
        const before = await ds.query(old);

        await ds.runMigrations({ transaction: 'each' });
        const columns = (await ds.createQueryRunner().getTable('tickets'))!.columns.map((c) => c.name);
        expect(columns).not.toEqual(expect.arrayContaining(['agreed_quote_id']));
        expect(columns.filter((c) => /^(agreed_|agreement_|final_quote|rating_)/.test(c))).toEqual([]);
        const num = (rows: Record<string, unknown>[]) =>
          rows.map((r) =>
            Object.fromEntries(
              Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]),
            ),
          );
        expect(
          num(
            await ds.query(
              'SELECT ticket_id, agreed_quote_id, agreed_total_fen, agreement_signature_id, final_quote_id FROM ticket_agreements ORDER BY ticket_id',
            ),
          ),
        ).toEqual([
          {
            ticket_id: ids['T-1'],
            agreed_quote_id: 11,
            agreed_total_fen: 12000,
            agreement_signature_id: 21,
            final_quote_id: 12,
          },
          {
            ticket_id: ids['T-2'],
            agreed_quote_id: 13,
            agreed_total_fen: 8000,
            agreement_signature_id: 22,
            final_quote_id: null,
          },
        ]);
        expect(
          num(await ds.query('SELECT ticket_id, overall, punctuality, attitude, comment FROM ticket_ratings')),
        ).toEqual([{ ticket_id: ids['T-1'], overall: 5, punctuality: 4, attitude: 3, comment: '师傅很细心' }]);

        for (let i = names.length - 1; i >= position; i--) await ds.undoLastMigration({ transaction: 'each' });
        expect(await ds.query(old)).toEqual(before);
        expect(await ds.createQueryRunner().getTable('ticket_agreements')).toBeUndefined();
        expect(await ds.createQueryRunner().getTable('ticket_ratings')).toBeUndefined();
      } finally {
        await ds.destroy();
        await db.drop();
      }
    },
    SCHEMA_HISTORY_TIMEOUT_MS,
  );

  it(
    'seeds the demo once (about 1,500 houses per project) and is a no-op the second time',
    async () => {
      const db = await createTestDatabase(kind, 'seed');
      const dataDir = mkdtempSync(join(tmpdir(), 'e2e-seed-media-'));
      const config = loadConfig({
        ...databaseEnv(db),
        NODE_ENV: 'test',
        JWT_SECRET: 'z'.repeat(40),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
      });
      const ds = await openDataSource(config);
      try {
        await ds.runMigrations({ transaction: 'each' });
        const first = await seedDemo(ds);
        expect(first.created).toBe(true);
        expect(first.houses).toBe(3000);
        const perProject = await ds.query(
          'SELECT project_id, COUNT(*) AS n FROM houses GROUP BY project_id ORDER BY project_id',
        );
        expect(perProject.map((r: { n: number | string }) => Number(r.n))).toEqual([1500, 1500]);
        const second = await seedDemo(ds);
        expect(second.created).toBe(false);
        expect(second.houses).toBe(3000);
        const roles = await ds.query('SELECT DISTINCT role FROM role_assignments ORDER BY role');
        expect(roles.map((r: { role: string }) => r.role)).toEqual([
          'admin',
          'cashier',
          'customer_manager',
          'finance',
          'project_manager',
          'quality',
          'supervisor',
          'technician',
        ]);

        // Demo tickets and charges, made through the real services as the seed CLI does.
        const count = async (sql: string) => Number((await ds.query(sql))[0].n);
        const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
        try {
          // No time limit here: a timed assertion measures the machine's load, not the seed (benchmarks live in pnpm bench:*).
          const tickets = await seedDemoTickets(app);
          expect(tickets.created).toBe(true);
          const byStatus = Object.fromEntries(tickets.byStatus.map((s) => [s.status, s.count]));
          expect(byStatus).toEqual({
            submitted: 2,
            registered: 2,
            dispatched: 1,
            accepted: 1,
            quoted: 1,
            in_progress: 4,
            done: 1,
            verified: 4,
            closed: 2,
            cancelled: 1,
          });
          expect(tickets).toMatchObject({
            tickets: 19,
            onHold: 1,
            escalated: 1,
            openCharges: 3,
            unconfirmedCharges: 1,
            counterSalesToday: 2,
            cashOutstandingFen: 3480,
          });
          // Where each queue gets its rows from.
          expect(await count(`SELECT COUNT(*) AS n FROM tickets WHERE status = 'registered' AND pool_open = 1`)).toBe(
            1,
          );
          expect(
            await count(`SELECT COUNT(*) AS n FROM tickets WHERE status = 'registered' AND needs_supervisor = 1`),
          ).toBe(1);
          expect(await count(`SELECT COUNT(*) AS n FROM tickets WHERE hold_reason LIKE '等配件%'`)).toBe(1);
          // 张伟 has a quote to sign in the mini-program.
          const [zhang] = await ds.query(`SELECT id FROM users WHERE name = '张伟'`);
          expect(
            await count(
              `SELECT COUNT(*) AS n FROM tickets WHERE status = 'quoted' AND reporter_id = ${Number(zhang.id)}`,
            ),
          ).toBe(1);
          // Every ticket charge cites the resident's signed agreement; the cash is within the limit and outstanding.
          const charges: {
            source: string;
            agreement_ref: string | null;
            status: string;
            total_fen: number | string;
            cash_collected_by: unknown;
          }[] = await ds.query('SELECT source, agreement_ref, status, total_fen, cash_collected_by FROM charges');
          const ticketCharges = charges.filter((c) => c.source === 'ticket');
          expect(ticketCharges.length).toBe(5);
          for (const c of ticketCharges) expect(c.agreement_ref).toMatch(/^signature:\d+$/);
          const cash = charges.filter((c) => c.status === 'cash_collected');
          expect(cash.length).toBe(2);
          for (const c of cash) expect(Number(c.total_fen)).toBeLessThanOrEqual(5000);
          expect(await count(`SELECT COUNT(*) AS n FROM charges WHERE resident_confirmed_at IS NOT NULL`)).toBe(1);
          expect(await count(`SELECT COUNT(*) AS n FROM charges WHERE source = 'counter' AND status = 'paid'`)).toBe(2);
          // Consistency rows written by the services, not by hand.
          expect(await count('SELECT COUNT(*) AS n FROM ticket_events')).toBeGreaterThan(100);
          expect(
            await count(
              `SELECT COUNT(*) AS n FROM audit_entries WHERE action IN ('charge.post', 'charge.cash_collect', 'charge.cash_confirm', 'counter_sale.create')`,
            ),
          ).toBe(10);
          expect(await count('SELECT COUNT(*) AS n FROM inbox_messages')).toBeGreaterThan(50);
          expect(await count(`SELECT COUNT(*) AS n FROM media WHERE kind = 'signature'`)).toBe(
            await count('SELECT COUNT(*) AS n FROM ticket_signatures'),
          );

          // A second run creates nothing.
          const tables = ['tickets', 'ticket_events', 'charges', 'media', 'inbox_messages', 'audit_entries'];
          const before = await Promise.all(tables.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)));
          const again = await seedDemoTickets(app);
          expect(again.created).toBe(false);
          expect(again.tickets).toBe(19);
          expect(await Promise.all(tables.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)))).toEqual(before);
        } finally {
          await app.close();
        }
      } finally {
        await ds.destroy();
        await db.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    SCHEMA_HISTORY_TIMEOUT_MS,
  );
});
