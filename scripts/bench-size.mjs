#!/usr/bin/env node
// `pnpm bench:size` (P3): builds the mini-program and the console, then prints one BENCH line per bar.
import { spawnSync } from 'node:child_process';
import { ROOT, ensurePnpm, run } from './lib/toolchain.mjs';

const pnpm = ensurePnpm();
if (!process.argv.includes('--no-build')) {
  run(pnpm, ['--filter', '@app/shared', 'build']);
  run(pnpm, ['--filter', '@app/miniapp', 'build:weapp']);
  run(pnpm, ['--filter', '@app/miniapp', 'build:h5']);
  run(pnpm, ['--filter', '@app/admin-web', 'build']);
}
let failed = false;
const mini = spawnSync(process.execPath, ['miniapp/scripts/bundle-size.mjs'], { cwd: ROOT, encoding: 'utf8' });
process.stdout.write(mini.stdout);
failed ||= mini.status !== 0;
const consoleRun = spawnSync(process.execPath, ['server/admin-web/scripts/bundle-size.mjs'], {
  cwd: ROOT,
  encoding: 'utf8',
});
const kb = Number((consoleRun.stdout.match(/first-load JS \(gzip\): ([\d.]+) KB/) ?? [])[1]);
const ok = consoleRun.status === 0 && Number.isFinite(kb) && kb <= 600;
failed ||= !ok;
process.stdout.write(
  `BENCH P3 console-first-load-js-gzip kb=${Number.isFinite(kb) ? kb.toFixed(1) : 'n/a'} bar_kb=600 ratio=${Number.isFinite(kb) ? (kb / 600).toFixed(2) : 'n/a'} ${ok ? 'ok' : 'FAIL'}\n`,
);
process.exit(failed ? 1 : 0);
