#!/usr/bin/env node
// P2 answers check: GET /api/tickets/mine of every demo resident (15 queries each) from two built trees on ONE seeded
// MariaDB database, compared byte for byte with signed links' exp/sig, expiresAt and requestId masked.
// Usage: node scripts/bench-api-answers.mjs <beforeRoot> <afterRoot> <port>   (both trees built: server/dist)
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
const [before, after, port] = process.argv.slice(2);
const mysql = createRequire(join(after, 'server', 'package.json'))('mysql2/promise');
const db = `cmp_${Date.now().toString(36)}`;
const admin = await mysql.createConnection({ uri: 'mysql://root@127.0.0.1:3306/' });
await admin.query(`CREATE DATABASE ${db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const env = {
  ...process.env,
  DATA_DIR: mkdtempSync(join(tmpdir(), 'cmp-')),
  DATABASE_URL: `mysql://root@127.0.0.1:3306/${db}`,
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  PORT: port,
  NODE_ENV: 'development',
  DEMO_LOGIN: 'true',
};
execFileSync(process.execPath, ['server/dist/cli/seed.js'], { cwd: after, env, stdio: 'ignore' });
async function withServer(root, fn) {
  const child = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: root,
    env,
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
    return await fn(base);
  } finally {
    await new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGTERM');
    });
  }
}
const queries = [
  'page=1&pageSize=20',
  'page=1&pageSize=3',
  'page=2&pageSize=3',
  'page=9&pageSize=5',
  'filter=todo',
  'filter=finished',
  'filter=active',
  'status=in_progress',
  'status=done',
  'kind=repair&pageSize=4',
];
const mask = (text) =>
  text
    .replace(/([?&](exp|sig)=)[^&"]+/g, '$1…')
    .replace(/"expiresAt":"[^"]*"/g, '"expiresAt":"…"')
    .replace(/"requestId":"[^"]*"/g, '"requestId":"…"');
async function answers(root) {
  return withServer(root, async (base) => {
    const accounts = (await (await fetch(`${base}/api/auth/demo/accounts`)).json()).accounts.filter(
      (a) => a.kind === 'resident',
    );
    const out = [];
    for (const a of accounts) {
      const login = await (
        await fetch(`${base}/api/auth/demo/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: a.userId }),
        })
      ).json();
      for (const q of queries) {
        const res = await fetch(`${base}/api/tickets/mine?${q}`, {
          headers: { authorization: `Bearer ${login.accessToken}` },
        });
        out.push({ who: a.userId, q, status: res.status, body: mask(await res.text()) });
      }
    }
    return out;
  });
}
try {
  const a = await answers(before),
    b = await answers(after);
  let same = 0,
    bytes = 0;
  for (let i = 0; i < a.length; i++) {
    const ok = a[i].status === b[i].status && a[i].body === b[i].body;
    if (ok) same++;
    else
      console.log(
        'DIFF',
        a[i].who,
        a[i].q,
        a[i].status,
        b[i].status,
        '\n',
        a[i].body.slice(0, 400),
        '\n',
        b[i].body.slice(0, 400),
      );
    bytes += a[i].body.length;
  }
  const withItems = a.filter((x) => x.body.includes('"items":[{')).length;
  console.log(
    `COMPARE ${same} of ${a.length} answers identical (${bytes} bytes; ${withItems} with items; statuses ${[...new Set(a.map((x) => x.status))]})`,
  );
} finally {
  await admin.query(`DROP DATABASE ${db}`);
  await admin.end();
}
