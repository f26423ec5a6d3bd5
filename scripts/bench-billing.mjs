#!/usr/bin/env node
// P1 (docs quality-bars.md): the monthly bill run at scale on MariaDB. Seeds 100,000 houses in 50 projects
// and 50,000 unbilled confirmed paid-service charges set-based, runs the REAL run code path in-process (the
// built server's BillRunService.start for the whole company → its queue → BillRunEngine, batch by batch) and,
// in the same run on the same data, a hand-written floor: ONE INSERT … SELECT computing the same per-house
// totals. Totals must agree to the fen. Bars: run ≤ 1.5 × floor, and 10,000 → 100,000 houses grows ≤ 12×.
// Usage: pnpm bench:billing   (BENCH_HOUSES / BENCH_PROJECTS override the large size; DATABASE_URL the server)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, buildAll, ensurePnpm, say } from './lib/toolchain.mjs';

const BAR_RATIO = 1.5;
const BAR_GROWTH = 12;
const PERIOD = '2026-11';
const HOUSES_PER_UNIT = 100;
const UNITS_PER_BUILDING = 2;
const BUILDINGS_PER_PROJECT = 10;
const LARGE = { houses: Number(process.env.BENCH_HOUSES || 100_000), projects: Number(process.env.BENCH_PROJECTS || 50) };
const SMALL = { houses: LARGE.houses / 10, projects: Math.max(1, LARGE.projects / 10) };

const pnpm = ensurePnpm();
buildAll(pnpm, { only: ['@app/shared', '@app/server'] });

const requireServer = createRequire(join(ROOT, 'server', 'package.json'));
const mysql = requireServer('mysql2/promise');
const dist = (path) => requireServer(join(ROOT, 'server', 'dist', path));
const { loadConfig } = dist('config/app-config.js');
const { openDataSource } = dist('database/data-source.js');
const { createApp } = dist('app.factory.js');
const { BillRunService } = dist('modules/billing/run/bill-run.service.js');
const { BillRunQueue } = dist('modules/billing/run/run-queue.js');

const serverUrl = new URL(process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/test');
serverUrl.pathname = '/';
const admin = await mysql.createConnection({ uri: serverUrl.toString() }).catch((error) => {
  process.stderr.write(`bench:billing needs MySQL/MariaDB (DATABASE_URL or 127.0.0.1:3306): ${error.message}\n`);
  process.exit(1);
});

const seconds = (from) => Number(process.hrtime.bigint() - from) / 1e9;
const fmt = (s) => s.toFixed(2);

/** A fresh database with the real migrations; the caller drops it. */
async function freshDatabase(label) {
  const name = `bench_billing_${label}_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env = { ...process.env, NODE_ENV: 'production', DATABASE_URL: url.toString(), JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' };
  const ds = await openDataSource(loadConfig(env));
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  const db = await mysql.createConnection({ uri: url.toString() });
  return { name, env, db };
}

/**
 * Set-based seed from MariaDB's sequence engine (seq_1_to_N): projects → buildings → units → houses
 * (1 in 10 a shop, areas spread 50–200 m²), three fee items per project (物业费 by type with a fallback, a
 * fixed 公共能耗费), H/2 billable charges and H/20 unconfirmed ones (never billed).
 */
async function seed(db, { houses, projects }) {
  const t0 = process.hrtime.bigint();
  const units = houses / HOUSES_PER_UNIT;
  if (!Number.isInteger(units) || units !== projects * BUILDINGS_PER_PROJECT * UNITS_PER_BUILDING) {
    throw new Error(`houses must be projects × ${BUILDINGS_PER_PROJECT * UNITS_PER_BUILDING * HOUSES_PER_UNIT}`);
  }
  const at = "'2026-10-01 00:00:00.000'";
  await db.query("INSERT INTO companies (code, name) VALUES ('BENCH', '压测物业公司')");
  const [[{ id: companyId }]] = await db.query('SELECT MAX(id) AS id FROM companies');
  await db.query('INSERT INTO regions (company_id, code, name) VALUES (?, ?, ?)', [companyId, 'BR', '压测区域']);
  const [[{ id: regionId }]] = await db.query('SELECT MAX(id) AS id FROM regions');
  await db.query(`INSERT INTO users (kind, name, company_id, created_at, updated_at) VALUES ('staff', '压测财务', ?, ${at}, ${at})`, [companyId]);
  const [[{ id: userId }]] = await db.query('SELECT MAX(id) AS id FROM users');
  await db.query(`INSERT INTO projects (company_id, region_id, code, name) SELECT ?, ?, CONCAT('BP', seq), CONCAT('压测项目', seq) FROM seq_1_to_${projects}`, [companyId, regionId]);
  const [[{ id: p0 }]] = await db.query('SELECT MIN(id) AS id FROM projects WHERE company_id = ?', [companyId]);
  const buildings = projects * BUILDINGS_PER_PROJECT;
  await db.query(`INSERT INTO buildings (project_id, name, sort_order) SELECT ? + (seq - 1) DIV ${BUILDINGS_PER_PROJECT}, CONCAT((seq - 1) % ${BUILDINGS_PER_PROJECT} + 1, '栋'), 1 FROM seq_1_to_${buildings}`, [p0]);
  const [[{ id: b0 }]] = await db.query('SELECT MIN(id) AS id FROM buildings WHERE project_id >= ?', [p0]);
  await db.query(
    `INSERT INTO units (project_id, building_id, name) SELECT ? + (seq - 1) DIV ${BUILDINGS_PER_PROJECT * UNITS_PER_BUILDING}, ? + (seq - 1) DIV ${UNITS_PER_BUILDING},
     CONCAT((seq - 1) % ${UNITS_PER_BUILDING} + 1, '单元') FROM seq_1_to_${units}`,
    [p0, b0],
  );
  const [[{ id: u0 }]] = await db.query('SELECT MIN(id) AS id FROM units WHERE project_id >= ?', [p0]);
  await db.query(
    `INSERT INTO houses (project_id, building_id, unit_id, room_no, floor, area_hundredths, type, created_at, updated_at)
     SELECT ? + (seq - 1) DIV ${HOUSES_PER_UNIT * UNITS_PER_BUILDING * BUILDINGS_PER_PROJECT}, ? + (seq - 1) DIV ${HOUSES_PER_UNIT * UNITS_PER_BUILDING},
       ? + (seq - 1) DIV ${HOUSES_PER_UNIT}, CONCAT(((seq - 1) % ${HOUSES_PER_UNIT}) DIV 4 + 1, LPAD((seq - 1) % 4 + 1, 2, '0')), ((seq - 1) % ${HOUSES_PER_UNIT}) DIV 4 + 1,
       5000 + (seq * 7919) % 15000, IF(seq % 10 = 0, 'shop', 'residential'), ${at}, ${at}
     FROM seq_1_to_${houses}`,
    [p0, b0, u0],
  );
  const [[{ id: h0 }]] = await db.query('SELECT MIN(id) AS id FROM houses WHERE project_id >= ?', [p0]);
  await db.query(
    `INSERT INTO billing_items (company_id, project_id, code, name, kind, house_type, unit_price_fen, unit, effective_from, created_by, created_at)
     SELECT ?, p.id, i.code, i.name, i.kind, i.house_type, i.price, i.unit, '2026-01', ?, ${at} FROM projects p
     CROSS JOIN (SELECT 'WY' AS code, '物业服务费' AS name, 'area' AS kind, 'residential' AS house_type, 235 AS price, '元/㎡·月' AS unit
       UNION ALL SELECT 'WY', '物业服务费', 'area', NULL, 417, '元/㎡·月'
       UNION ALL SELECT 'GG', '公共能耗费', 'fixed', NULL, 1500, '元/月') i
     WHERE p.company_id = ?`,
    [companyId, userId, companyId],
  );
  const charge = (count, confirmation, keyPrefix) => db.query(
    `INSERT INTO charges (company_id, project_id, house_id, source, source_key, ticket_id, ticket_serial, total_fen, payment_method, status, confirmation, created_by, created_at, updated_at)
     SELECT ?, h.project_id, h.id, 'ticket', CONCAT('${keyPrefix}', s.seq), s.seq, CONCAT('BP-261110-', LPAD(s.seq, 6, '0')), 1000 + (s.seq * 37) % 9000, 'bill', 'open', ?, ?,
       '2026-11-10 02:00:00.000', '2026-11-10 02:00:00.000'
     FROM seq_1_to_${count} s JOIN houses h ON h.id = ? + (s.seq * 7) % ${houses}`,
    [companyId, confirmation, userId, h0],
  );
  await charge(houses / 2, 'confirmed', 'bench-c-');
  await charge(houses / 20, 'unconfirmed', 'bench-u-');
  await db.query('ANALYZE TABLE houses, charges, billing_items');
  return { companyId, userId, projectIds: Array.from({ length: projects }, (_, i) => p0 + i), seedS: seconds(t0) };
}

/** The floor: the same per-house totals (area fee by type or fallback, half up; fixed fee; billable charges) in one statement. */
async function floor(db, companyId) {
  await db.query('CREATE TABLE bench_floor (house_id INT PRIMARY KEY, total_fen INT NOT NULL)');
  const t0 = process.hrtime.bigint();
  await db.query(
    `INSERT INTO bench_floor (house_id, total_fen)
     SELECT h.id, COALESCE((h.area_hundredths * COALESCE(t.unit_price_fen, f.unit_price_fen) + 50) DIV 100, 0) + COALESCE(g.unit_price_fen, 0) + COALESCE(c.fen, 0)
     FROM houses h JOIN projects p ON p.id = h.project_id AND p.company_id = ?
     LEFT JOIN billing_items t ON t.project_id = h.project_id AND t.kind = 'area' AND t.house_type = h.type AND t.effective_from <= ? AND (t.effective_to IS NULL OR t.effective_to >= ?)
     LEFT JOIN billing_items f ON f.project_id = h.project_id AND f.kind = 'area' AND f.house_type IS NULL AND f.effective_from <= ? AND (f.effective_to IS NULL OR f.effective_to >= ?)
     LEFT JOIN billing_items g ON g.project_id = h.project_id AND g.kind = 'fixed' AND g.house_type IS NULL AND g.effective_from <= ? AND (g.effective_to IS NULL OR g.effective_to >= ?)
     LEFT JOIN (SELECT house_id, SUM(total_fen) AS fen FROM charges WHERE status = 'open' AND payment_method = 'bill' AND confirmation = 'confirmed'
       AND billed_period IS NULL AND created_at < '2026-11-30 16:00:00.000' GROUP BY house_id) c ON c.house_id = h.id`,
    [companyId, PERIOD, PERIOD, PERIOD, PERIOD, PERIOD, PERIOD],
  );
  return seconds(t0);
}

/** The real path: BillRunService.start for every project of the company, then until its queue is idle. */
async function engine(env, seeded) {
  const app = await createApp(loadConfig(env), { logger: false });
  await app.init();
  try {
    const principal = {
      userId: seeded.userId, kind: 'staff', name: '压测财务', companyId: seeded.companyId,
      grants: [{ role: 'finance', scopeType: 'company', scopeId: seeded.companyId, projectIds: seeded.projectIds }],
    };
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    await app.get(BillRunService).start(principal, { period: PERIOD });
    await app.get(BillRunQueue).idle();
    const cpu = process.cpuUsage(cpu0);
    // Node's own CPU time during the run: how much of the wall time is JS (rows → entities → lines, hashes) rather than waiting on MariaDB.
    return { runS: seconds(t0), nodeCpuS: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await app.close();
  }
}

async function verify(db, houses) {
  const [[runs]] = await db.query("SELECT COUNT(*) AS n, SUM(status = 'draft') AS draft, MAX(error) AS error FROM bill_runs WHERE period = ?", [PERIOD]);
  if (Number(runs.draft) !== Number(runs.n)) throw new Error(`runs not all draft: ${JSON.stringify(runs)}`);
  const [[b]] = await db.query('SELECT COUNT(*) AS n, SUM(total_fen) AS fen FROM bills WHERE period = ?', [PERIOD]);
  const [[f]] = await db.query('SELECT COUNT(*) AS n, SUM(total_fen) AS fen FROM bench_floor');
  const [[d]] = await db.query(
    'SELECT COUNT(*) AS n FROM bench_floor f LEFT JOIN bills b ON b.house_id = f.house_id AND b.period = ? WHERE b.id IS NULL OR b.total_fen <> f.total_fen',
    [PERIOD],
  );
  const [[lines]] = await db.query('SELECT COUNT(*) AS n FROM bill_lines WHERE period = ?', [PERIOD]);
  const same = Number(b.n) === houses && Number(f.n) === houses && Number(b.fen) === Number(f.fen) && Number(d.n) === 0;
  return { same, bills: Number(b.n), lines: Number(lines.n), totalFen: Number(b.fen), floorFen: Number(f.fen), differing: Number(d.n) };
}

async function scale(size) {
  const { name, env, db } = await freshDatabase(size.houses);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-billing-'));
  try {
    const seeded = await seed(db, size);
    const floorS = await floor(db, seeded.companyId);
    const { runS, nodeCpuS } = await engine({ ...env, DATA_DIR: dataDir }, seeded);
    const check = await verify(db, size.houses);
    say(`  houses=${size.houses} projects=${size.projects} seed_s=${fmt(seeded.seedS)} run_s=${fmt(runS)} (node_cpu_s=${fmt(nodeCpuS)}) floor_s=${fmt(floorS)} bills=${check.bills} lines=${check.lines} total_fen=${check.totalFen} floor_fen=${check.floorFen} differing=${check.differing}`);
    return { runS, floorS, ...check };
  } finally {
    await db.end();
    await admin.query(`DROP DATABASE \`${name}\``);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

say(`bench:billing — bill run ${PERIOD} on ${serverUrl.host}`);
const small = await scale(SMALL);
const large = await scale(LARGE);
await admin.end();
const ratio = large.runS / large.floorS;
const growth = large.runS / small.runS;
const ok = large.same && ratio <= BAR_RATIO;
say(`BENCH P1 houses=${LARGE.houses} run_s=${fmt(large.runS)} floor_s=${fmt(large.floorS)} ratio=${fmt(ratio)} bar=${BAR_RATIO} ${ok ? 'ok' : 'FAIL'}${large.same ? '' : ' (totals differ from the floor)'}`);
say(`BENCH P1 growth houses=${SMALL.houses}→${LARGE.houses} run_s=${fmt(small.runS)}→${fmt(large.runS)} growth=${fmt(growth)}x bar=${BAR_GROWTH}x ${growth <= BAR_GROWTH && small.same ? 'ok' : 'FAIL'}`);
process.exitCode = ok && growth <= BAR_GROWTH && small.same ? 0 : 1;
