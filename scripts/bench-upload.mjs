#!/usr/bin/env node
// P4 (docs quality-bars.md): a 5 MB, 12-megapixel JPEG uploaded 20 times, 4 at a time, to the built
// server in production mode on the embedded SQLite default; p95 latency and the server's peak RSS growth.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensurePnpm, freePort, isStale, run, say, spawn, waitForReady } from './lib/toolchain.mjs';

const UPLOADS = 20;
const CONCURRENCY = 4;
const BAR_MS = 500;
const BAR_MB = 150;

const pnpm = ensurePnpm();
for (const [name, out, src] of [
  ['@app/shared', 'shared/dist/index.js', ['shared/src', 'shared/package.json']],
  ['@app/server', 'server/dist/main.js', ['server/src', 'shared/src']],
]) {
  if (isStale(out, src)) {
    say(`构建 ${name} (build)`);
    run(pnpm, ['--filter', name, 'build']);
  }
}

const sharp = createRequire(join(ROOT, 'server', 'package.json'))('sharp');

/** Noise upscaled from a quarter-size field gives phone-photo-like detail: ~5 MB at 4000×3000, quality 92. */
async function makePhoto() {
  const [w, h] = [1000, 750];
  const field = await sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
  return sharp(field).resize(4000, 3000, { kernel: 'cubic' }).jpeg({ quality: 92 }).toBuffer();
}

function rssKb(pid, field) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

const photo = await makePhoto();
const meta = await sharp(photo).metadata();
const dataDir = mkdtempSync(join(tmpdir(), 'bench-upload-'));
const env = {
  ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production', ALLOW_SQLITE_IN_PRODUCTION: 'true',
  JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn', DATABASE_URL: '',
};
say('迁移数据库并准备演示数据 (migrate + seed)');
// The demo seed refuses production databases; only the server below runs in production mode.
run(process.execPath, ['server/dist/cli/seed.js'], { env: { ...env, NODE_ENV: 'development' }, cwd: ROOT });
const port = await freePort(3900);
const server = spawn(process.execPath, ['server/dist/main.js'], {
  // Same allocator setting as `npm start` and docs/operations.md recommend for production.
  cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1', MIGRATE_ON_START: 'false', MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '2' }, stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
let exitCode = 1;
try {
  if (!(await waitForReady(base))) throw new Error('server did not become ready');
  const login = await fetch(`${base}/api/auth/password/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'cm1', password: 'Demo@2026' }),
  });
  if (!login.ok) throw new Error(`login failed: HTTP ${login.status}`);
  const { accessToken } = await login.json();

  const baselineKb = rssKb(server.pid, 'VmRSS');
  let peakKb = baselineKb;
  const sampler = setInterval(() => {
    try { peakKb = Math.max(peakKb, rssKb(server.pid, 'VmRSS')); } catch { /* process gone */ }
  }, 10);

  const latencies = [];
  const failures = [];
  let next = 0;
  const worker = async () => {
    while (next < UPLOADS) {
      const i = next++;
      const form = new FormData();
      form.append('clientUploadId', `bench-${process.pid}-${i}`);
      form.append('file', new Blob([photo], { type: 'image/jpeg' }), `IMG_${i}.jpg`);
      const started = performance.now();
      const res = await fetch(`${base}/api/media`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` }, body: form });
      const body = await res.json();
      latencies.push(performance.now() - started);
      if (res.status !== 201 || Math.max(body.width, body.height) > 2048) failures.push(`#${i}: HTTP ${res.status} ${body.code ?? ''} ${body.width}×${body.height}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  clearInterval(sampler);
  peakKb = Math.max(peakKb, rssKb(server.pid, 'VmRSS'));

  latencies.sort((a, b) => a - b);
  const p95 = Math.round(latencies[Math.ceil(0.95 * latencies.length) - 1]);
  const p50 = Math.round(latencies[Math.ceil(0.5 * latencies.length) - 1]);
  const growthMb = Math.round(((peakKb - baselineKb) / 1024) * 10) / 10;
  process.stdout.write(
    `photo ${(photo.length / 1024 / 1024).toFixed(2)} MB ${meta.width}×${meta.height}; p50_ms=${p50} max_ms=${Math.round(latencies.at(-1))}; ` +
      `rss baseline ${(baselineKb / 1024).toFixed(1)} MB, peak ${(peakKb / 1024).toFixed(1)} MB\n`,
  );
  for (const failure of failures) process.stdout.write(`upload failed ${failure}\n`);
  const ok = failures.length === 0 && p95 <= BAR_MS && growthMb <= BAR_MB;
  process.stdout.write(`BENCH P4 uploads=${UPLOADS} concurrency=${CONCURRENCY} p95_ms=${p95} bar_ms=${BAR_MS} rss_growth_mb=${growthMb} bar_mb=${BAR_MB} ${ok ? 'ok' : 'FAIL'}\n`);
  exitCode = ok ? 0 : 1;
} catch (error) {
  process.stderr.write(`bench:upload failed: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
