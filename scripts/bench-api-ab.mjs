#!/usr/bin/env node
// P2 paired A/B of the server's CPU per request: one seeded MariaDB database, the production servers of two built trees
// alternately under the same autocannon load (64 connections, 2 s warm-up, 8 s measured), CPU from /proc/<pid>/stat.
// Usage: node scripts/bench-api-ab.mjs <beforeRoot> <afterRoot> <port> [rounds=3] [routes=list,create]
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
const [before, after, port, rounds = '3', routes = 'list,create'] = process.argv.slice(2);
const req = createRequire(join(after, 'package.json'));
const autocannon = req('autocannon');
const mysql = createRequire(join(after, 'server', 'package.json'))('mysql2/promise');
const db = `ab_${Date.now().toString(36)}`;
const admin = await mysql.createConnection({ uri: 'mysql://root@127.0.0.1:3306/' });
await admin.query(`CREATE DATABASE ${db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const env = {
  ...process.env,
  DATA_DIR: mkdtempSync(join(tmpdir(), 'ab-')),
  DATABASE_URL: `mysql://root@127.0.0.1:3306/${db}`,
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  PORT: port,
  MALLOC_ARENA_MAX: '2',
  DATABASE_POOL_SIZE: '20',
};
execFileSync(process.execPath, ['server/dist/cli/seed.js'], {
  cwd: after,
  env: { ...env, NODE_ENV: 'development' },
  stdio: 'ignore',
});
const cpu = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
async function withServer(root, extra, fn) {
  const child = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: root,
    env: { ...env, ...extra },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    return await fn(base, child.pid);
  } finally {
    await new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGTERM');
    });
  }
}
const session = await withServer(after, { NODE_ENV: 'development', DEMO_LOGIN: 'true' }, async (base) => {
  const accounts = (await (await fetch(`${base}/api/auth/demo/accounts`)).json()).accounts.filter(
    (a) => a.kind === 'resident',
  );
  for (const a of accounts) {
    const [[b]] = await admin.query(
      `SELECT house_id FROM ${db}.house_bindings WHERE user_id = ? AND status = 'approved' LIMIT 1`,
      [a.userId],
    );
    if (!b) continue;
    const login = await (
      await fetch(`${base}/api/auth/demo/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: a.userId }),
      })
    ).json();
    return { token: login.accessToken, houseId: b.house_id };
  }
});
const [[{ category }]] = await admin.query(
  `SELECT category FROM ${db}.tickets WHERE kind = 'repair' AND scope = 'public' LIMIT 1`,
);
const load = (base, route, duration) =>
  new Promise((resolve, reject) =>
    autocannon(
      {
        url: base,
        connections: 64,
        duration,
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        requests: [
          route === 'list'
            ? { method: 'GET', path: '/api/tickets/mine?page=1&pageSize=20' }
            : {
                method: 'POST',
                path: '/api/tickets',
                body: JSON.stringify({
                  houseId: session.houseId,
                  kind: 'repair',
                  scope: 'public',
                  category,
                  urgency: 'normal',
                  description: '压力测试：楼道灯不亮',
                }),
              },
        ],
      },
      (e, r) => (e ? reject(e) : resolve(r)),
    ),
  );
const results = { before: {}, after: {} };
try {
  for (const route of routes.split(','))
    for (let i = 0; i < Number(rounds); i++)
      for (const [name, root] of i % 2
        ? [
            ['after', after],
            ['before', before],
          ]
        : [
            ['before', before],
            ['after', after],
          ]) {
        await withServer(root, { NODE_ENV: 'production', MIGRATE_ON_START: 'false' }, async (base, pid) => {
          await load(base, route, 2);
          const c0 = cpu(pid);
          const r = await load(base, route, 8);
          const c1 = cpu(pid);
          const per = (c1 - c0) / r.requests.total;
          (results[name][route] ??= []).push(per);
          console.log(
            `AB ${route} ${name} cpu_ms_per_req=${per.toFixed(2)} rps=${Math.round(r.requests.average)} p99=${r.latency.p99} errors=${r.errors + r.non2xx} load=${loadavg()[0].toFixed(1)}`,
          );
        });
      }
  for (const route of routes.split(',')) {
    const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    console.log(
      `AB SUMMARY ${route}: before median ${med(results.before[route]).toFixed(2)} [${results.before[route].map((x) => x.toFixed(2))}] after median ${med(results.after[route]).toFixed(2)} [${results.after[route].map((x) => x.toFixed(2))}]`,
    );
  }
} finally {
  await admin.query(`DROP DATABASE ${db}`);
  await admin.end();
}
