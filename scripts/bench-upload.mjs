#!/usr/bin/env node
// P4 (docs quality-bars.md): a 5 MB, 12-megapixel JPEG uploaded 20 times, 4 at a time, to the built
// server in production mode on the embedded SQLite default; p95 latency and the server's peak RSS growth.
// In the same run the floor: the same validate/decode/re-encode/thumbnail operations on the same photo at
// the same concurrency in a bare Node process with sharp (bench-upload-floor.mjs). Bars are relative to it:
// p95 ≤ 1.25 × floor p95, RSS growth ≤ floor growth + 64 MB (an absolute time would measure the machine).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, buildAll, ensurePnpm, freePort, run, say, spawn, waitForReady } from './lib/toolchain.mjs';

const UPLOADS = 20;
const CONCURRENCY = 4;
const BAR_RATIO = 1.25;
const BAR_EXTRA_MB = 64;

const pnpm = ensurePnpm();
buildAll(pnpm, { only: ['@app/shared', '@app/server'] });

const sharp = createRequire(join(ROOT, 'server', 'package.json'))('sharp');

/** Noise upscaled from a quarter-size field gives phone-photo-like detail: ~5 MB at 4000×3000, quality 92. */
async function makePhoto() {
  const [w, h] = [1000, 750];
  const field = await sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } })
    .png()
    .toBuffer();
  return sharp(field).resize(4000, 3000, { kernel: 'cubic' }).jpeg({ quality: 92 }).toBuffer();
}

function rssKb(pid, field) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

const percentile = (sorted, p) => sorted[Math.ceil(p * sorted.length) - 1];
const mb = (kb) => Math.round((kb / 1024) * 10) / 10;

/** Samples a process's VmRSS every 10 ms from `start()` until `stop()`; growth = peak − baseline. */
function rssSampler(pid) {
  let baselineKb = 0;
  let peakKb = 0;
  let timer = null;
  return {
    start() {
      baselineKb = rssKb(pid, 'VmRSS');
      peakKb = baselineKb;
      timer = setInterval(() => {
        try {
          peakKb = Math.max(peakKb, rssKb(pid, 'VmRSS'));
        } catch {
          /* process gone */
        }
      }, 10);
    },
    stop() {
      clearInterval(timer);
      try {
        peakKb = Math.max(peakKb, rssKb(pid, 'VmRSS'));
      } catch {
        /* process gone */
      }
      return { baselineKb, peakKb, growthMb: mb(peakKb - baselineKb) };
    },
  };
}

/** The floor: same photo, same operations, same concurrency, bare sharp in its own process. */
async function measureFloor(photoPath) {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'scripts', 'bench-upload-floor.mjs'), photoPath, String(UPLOADS), String(CONCURRENCY)],
    {
      cwd: ROOT,
      env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '2' },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let out = '';
  const lineSeen = (predicate) =>
    new Promise((resolve, reject) => {
      const onData = (chunk) => {
        out += chunk;
        const line = out.split('\n').find(predicate);
        if (line !== undefined) {
          child.stdout.off('data', onData);
          resolve(line);
        }
      };
      child.stdout.on('data', onData);
      child.once('exit', (code) => reject(new Error(`floor process exited with ${code}`)));
    });
  await lineSeen((l) => l === 'ready');
  const sampler = rssSampler(child.pid);
  sampler.start();
  const done = lineSeen((l) => l.startsWith('{'));
  child.stdin.write('go\n');
  const { latencies } = JSON.parse(await done);
  const memory = sampler.stop();
  child.stdin.end();
  latencies.sort((a, b) => a - b);
  return {
    p95: Math.round(percentile(latencies, 0.95)),
    p50: Math.round(percentile(latencies, 0.5)),
    latencies,
    ...memory,
  };
}

const photo = await makePhoto();
const meta = await sharp(photo).metadata();
const dataDir = mkdtempSync(join(tmpdir(), 'bench-upload-'));
const photoPath = join(dataDir, 'photo.jpg');
writeFileSync(photoPath, photo);
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  NODE_ENV: 'production',
  ALLOW_SQLITE_IN_PRODUCTION: 'true',
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  DATABASE_URL: '',
};
say('迁移数据库并准备演示数据 (migrate + seed)');
// The demo seed refuses production databases; only the server below runs in production mode.
run(process.execPath, ['server/dist/cli/seed.js'], { env: { ...env, NODE_ENV: 'development' }, cwd: ROOT });
const port = await freePort(3900);
const server = spawn(process.execPath, ['server/dist/main.js'], {
  // Same allocator setting as `npm start` and docs/operations.md recommend for production.
  cwd: ROOT,
  env: {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    MIGRATE_ON_START: 'false',
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '2',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
let exitCode = 1;
try {
  if (!(await waitForReady(base))) throw new Error('server did not become ready');
  const login = await fetch(`${base}/api/auth/password/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'cm1', password: 'Demo@2026' }),
  });
  if (!login.ok) throw new Error(`login failed: HTTP ${login.status}`);
  const { accessToken } = await login.json();

  const sampler = rssSampler(server.pid);
  sampler.start();

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
      const res = await fetch(`${base}/api/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
        body: form,
      });
      const body = await res.json();
      latencies.push(performance.now() - started);
      if (res.status !== 201 || Math.max(body.width, body.height) > 2048)
        failures.push(`#${i}: HTTP ${res.status} ${body.code ?? ''} ${body.width}×${body.height}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const { baselineKb, peakKb, growthMb } = sampler.stop();

  latencies.sort((a, b) => a - b);
  const p95 = Math.round(percentile(latencies, 0.95));
  const p50 = Math.round(percentile(latencies, 0.5));
  process.stdout.write(
    `photo ${(photo.length / 1024 / 1024).toFixed(2)} MB ${meta.width}×${meta.height}; server p50_ms=${p50} max_ms=${Math.round(latencies.at(-1))}; ` +
      `rss baseline ${mb(baselineKb)} MB, peak ${mb(peakKb)} MB\n` +
      `server latencies_ms=${latencies.map((v) => Math.round(v)).join(',')}\n`,
  );
  for (const failure of failures) process.stdout.write(`upload failed ${failure}\n`);

  // The server is done: stop it so the floor runs on the same otherwise idle machine.
  server.kill('SIGTERM');
  say('测量基准：同一照片、同样并发，单独的 Node + sharp 进程 (floor)');
  const floor = await measureFloor(photoPath);
  process.stdout.write(
    `floor p50_ms=${floor.p50} p95_ms=${floor.p95}; rss baseline ${mb(floor.baselineKb)} MB, peak ${mb(floor.peakKb)} MB\n`,
  );
  process.stdout.write(`floor latencies_ms=${floor.latencies.map((v) => Math.round(v)).join(',')}\n`);
  const ratio = Math.round((p95 / floor.p95) * 100) / 100;
  const growthBar = Math.round((floor.growthMb + BAR_EXTRA_MB) * 10) / 10;
  const ok = failures.length === 0 && ratio <= BAR_RATIO && growthMb <= growthBar;
  process.stdout.write(
    `BENCH P4 uploads=${UPLOADS} concurrency=${CONCURRENCY} p95_ms=${p95} floor_p95_ms=${floor.p95} ratio=${ratio} ` +
      `rss_growth_mb=${growthMb} floor_growth_mb=${floor.growthMb} bar_ratio=${BAR_RATIO} bar_growth_mb=${growthBar} ${ok ? 'ok' : 'FAIL'}\n`,
  );
  exitCode = ok ? 0 : 1;
} catch (error) {
  process.stderr.write(`bench:upload failed: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
