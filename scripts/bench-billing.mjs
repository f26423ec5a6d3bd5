#!/usr/bin/env node
// P1 (docs quality-bars.md): the monthly bill run at scale on MariaDB. Seeds 100,000 houses in 50 projects
// and 50,000 unbilled confirmed paid-service charges set-based, runs the REAL run code path in-process (the
// built server's BillRunService.start for the whole company → its queue → BillRunEngine, batch by batch) and,
// in the same run on the same data, the hand-written set-based floor writing the same output (bills with
// totals and hashes, their lines, the charges claimed: see floor()), plus the narrow one-statement floor of
// (house, total) for reference. Totals must agree to the fen with both floors, and every 物业服务费 line with
// the shared areaFeeFen rule. Bars: run ≤ 1.5 × floor, and 10,000 → 100,000 houses grows ≤ 12×.
// Usage: pnpm bench:billing   (BENCH_HOUSES / BENCH_PROJECTS override the large size, BENCH_ONLY=small|large runs one
// size, BENCH_PROFILE=1 prints Σ time per statement shape, BENCH_KEEP_DB=1 keeps the database for EXPLAIN, BILL_RUN_TIMING=1 prints each batch's step times on stderr, BILL_RUN_BATCH_SIZE the engine's batch; DATABASE_URL the server)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERIOD, floor, narrowFloor, seconds, seed } from './lib/bench-billing-sql.mjs';
import { ROOT, buildAll, ensurePnpm, say } from './lib/toolchain.mjs';

const BAR_RATIO = 1.5;
const BAR_GROWTH = 12;
const LARGE = {
  houses: Number(process.env.BENCH_HOUSES || 100_000),
  projects: Number(process.env.BENCH_PROJECTS || 50),
};
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
const { areaFeeFen } = requireServer('@app/shared');

const serverUrl = new URL(process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/test');
serverUrl.pathname = '/';
const admin = await mysql.createConnection({ uri: serverUrl.toString() }).catch((error) => {
  process.stderr.write(`bench:billing needs MySQL/MariaDB (DATABASE_URL or 127.0.0.1:3306): ${error.message}\n`);
  process.exit(1);
});

const fmt = (s) => s.toFixed(2);

/** A fresh database with the real migrations; the caller drops it. */
async function freshDatabase(label) {
  const name = `bench_billing_${label}_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url.toString(),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
  };
  const ds = await openDataSource(loadConfig(env));
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  const db = await mysql.createConnection({ uri: url.toString() });
  return { name, env, db };
}

/**
 * BENCH_PROFILE=1: Σ time and count per statement shape of the engine's SQL (TypeORM's MySQL query runner
 * wrapped), printed after the run — where the run's wall time goes.
 */
function profileQueries() {
  const { MysqlQueryRunner } = requireServer('typeorm/driver/mysql/MysqlQueryRunner.js');
  const shapes = new Map();
  const original = MysqlQueryRunner.prototype.query;
  MysqlQueryRunner.prototype.query = async function timed(sql, ...rest) {
    const t = process.hrtime.bigint();
    try {
      return await original.call(this, sql, ...rest);
    } finally {
      const shape = String(sql)
        .replace(/\s+/g, ' ')
        .replace(/\?(, \?)+/g, '?…')
        .replace(/(SELECT \?…? UNION ALL )+/g, 'SELECT ?… UNION ALL ')
        .slice(0, 110);
      const entry = shapes.get(shape) ?? { n: 0, s: 0 };
      entry.n += 1;
      entry.s += seconds(t);
      shapes.set(shape, entry);
    }
  };
  return () => {
    MysqlQueryRunner.prototype.query = original;
    const rows = [...shapes.entries()].sort((a, b) => b[1].s - a[1].s);
    for (const [shape, { n, s }] of rows.slice(0, 25))
      say(`    ${s.toFixed(2).padStart(7)} s ${String(n).padStart(6)} × ${shape}`);
  };
}

/** The real path: BillRunService.start for every project of the company, then until its queue is idle. */
async function engine(env, seeded) {
  const app = await createApp(loadConfig(env), { logger: false });
  await app.init();
  const report = process.env.BENCH_PROFILE ? profileQueries() : null;
  try {
    const principal = {
      userId: seeded.userId,
      kind: 'staff',
      name: '压测财务',
      companyId: seeded.companyId,
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
    report?.();
    await app.close();
  }
}

/**
 * Totals against both floors to the fen, and every 物业服务费 line against the shared JS rule
 * (areaFeeFen of shared/src/billing.ts), so SQL rounding cannot drift from it unnoticed.
 */
async function verify(db, houses) {
  const [[runs]] = await db.query(
    "SELECT COUNT(*) AS n, SUM(status = 'draft') AS draft, MAX(error) AS error FROM bill_runs WHERE period = ?",
    [PERIOD],
  );
  if (Number(runs.draft) !== Number(runs.n)) throw new Error(`runs not all draft: ${JSON.stringify(runs)}`);
  const [[b]] = await db.query('SELECT COUNT(*) AS n, SUM(total_fen) AS fen FROM bills WHERE period = ?', [PERIOD]);
  const [[f]] = await db.query('SELECT COUNT(*) AS n, SUM(total_fen) AS fen FROM bench_floor_bills');
  const differ = async (table) => {
    const [[d]] = await db.query(
      `SELECT COUNT(*) AS n FROM ${table} f LEFT JOIN bills b ON b.house_id = f.house_id AND b.period = ? WHERE b.id IS NULL OR b.total_fen <> f.total_fen`,
      [PERIOD],
    );
    return Number(d.n);
  };
  const differing = (await differ('bench_floor')) + (await differ('bench_floor_bills'));
  const [[lines]] = await db.query('SELECT COUNT(*) AS n FROM bill_lines WHERE period = ?', [PERIOD]);
  const [[floorLines]] = await db.query('SELECT COUNT(*) AS n FROM bench_floor_lines');
  const [areaLines] = await db.query(
    "SELECT h.area_hundredths AS area, l.unit_price_fen AS price, l.amount_fen AS fen FROM bill_lines l JOIN houses h ON h.id = l.house_id WHERE l.period = ? AND l.kind = 'property_fee'",
    [PERIOD],
  );
  const ruleMisses = areaLines.filter((r) => areaFeeFen(Number(r.area), Number(r.price)) !== Number(r.fen)).length;
  const same =
    Number(b.n) === houses &&
    Number(f.n) === houses &&
    Number(b.fen) === Number(f.fen) &&
    differing === 0 &&
    Number(lines.n) === Number(floorLines.n) &&
    areaLines.length === houses &&
    ruleMisses === 0;
  return {
    same,
    bills: Number(b.n),
    lines: Number(lines.n),
    floorLines: Number(floorLines.n),
    totalFen: Number(b.fen),
    floorFen: Number(f.fen),
    differing,
    ruleMisses,
  };
}

async function scale(size) {
  const { name, env, db } = await freshDatabase(size.houses);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-billing-'));
  try {
    const seeded = await seed(db, size);
    const narrowS = await narrowFloor(db, seeded.companyId);
    const { floorS, steps } = await floor(db, seeded.companyId);
    const { runS, nodeCpuS } = await engine({ ...env, DATA_DIR: dataDir }, seeded);
    const check = await verify(db, size.houses);
    const stepText = Object.entries(steps)
      .map(([k, v]) => `${k}=${fmt(v)}`)
      .join(' ');
    say(
      `  houses=${size.houses} projects=${size.projects} seed_s=${fmt(seeded.seedS)} run_s=${fmt(runS)} (node_cpu_s=${fmt(nodeCpuS)}) floor_s=${fmt(floorS)} (${stepText}) narrow_floor_s=${fmt(narrowS)}`,
    );
    say(
      `    bills=${check.bills} lines=${check.lines} floor_lines=${check.floorLines} total_fen=${check.totalFen} floor_fen=${check.floorFen} differing=${check.differing} area_rule_misses=${check.ruleMisses} load_avg=${loadavg()[0].toFixed(1)}`,
    );
    return { runS, floorS, narrowS, ...check };
  } finally {
    await db.end();
    if (process.env.BENCH_KEEP_DB) say(`  kept database ${name} (BENCH_KEEP_DB): drop it yourself`);
    else await admin.query(`DROP DATABASE \`${name}\``);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

say(
  `bench:billing — bill run ${PERIOD} on ${serverUrl.host}, batch ${process.env.BILL_RUN_BATCH_SIZE || 'default'}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const only = process.env.BENCH_ONLY; // 'small' | 'large': one size while iterating (no growth line)
const small = only === 'large' ? null : await scale(SMALL);
const large = only === 'small' ? null : await scale(LARGE);
await admin.end();
let pass = true;
if (large) {
  const ratio = large.runS / large.floorS;
  const ok = large.same && ratio <= BAR_RATIO;
  pass &&= ok;
  say(
    `BENCH P1 houses=${LARGE.houses} run_s=${fmt(large.runS)} floor_s=${fmt(large.floorS)} ratio=${fmt(ratio)} narrow_floor_s=${fmt(large.narrowS)} narrow_ratio=${fmt(large.runS / large.narrowS)} bar=${BAR_RATIO} ${ok ? 'ok' : 'FAIL'}${large.same ? '' : ' (totals, lines or rounding differ from the floor)'}`,
  );
}
if (small && large) {
  const growth = large.runS / small.runS;
  const ok = growth <= BAR_GROWTH && small.same;
  pass &&= ok;
  say(
    `BENCH P1 growth houses=${SMALL.houses}→${LARGE.houses} run_s=${fmt(small.runS)}→${fmt(large.runS)} growth=${fmt(growth)}x bar=${BAR_GROWTH}x ${ok ? 'ok' : 'FAIL'}`,
  );
}
if (small && !large) pass &&= small.same;
process.exitCode = pass ? 0 : 1;
