#!/usr/bin/env node
// `pnpm chaos:billing`: the long R4 chaos run — the bill run in a child process SIGKILLed at ~10 %, 50 % and
// 90 % of its progress (three rounds each, 3000 houses; CHAOS_HOUSES=… to change), rerun, per-bill hashes
// compared with an uninterrupted run; plus two workers started at once. The e2e suite runs a short version
// of the same spec. E2E_DB=mysql|sqlite picks the engine (default: MySQL/MariaDB when reachable).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/toolchain.mjs';

const pnpm = process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm';
const build = spawnSync(pnpm, ['--filter', '@app/shared', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const res = spawnSync(
  pnpm,
  ['exec', 'jest', '-c', 'test/jest-e2e.config.js', '--runInBand', 'test/e2e/billing-chaos'],
  {
    cwd: join(ROOT, 'server'),
    stdio: 'inherit',
    env: { ...process.env, CHAOS_LONG: '1' },
  },
);
process.exit(res.status ?? 1);
