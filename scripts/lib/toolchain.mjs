// Shared by start.mjs and test.mjs: make a fresh machine ready (pnpm, packages) without manual steps.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const PNPM_VERSION = '12.21.0';

const zh = (text) => `\u001b[36m▸\u001b[0m ${text}`;
export const say = (text) => process.stdout.write(`${zh(text)}\n`);
export const warn = (text) => process.stdout.write(`\u001b[33m! ${text}\u001b[0m\n`);

export function assertNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  const ok = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;
  if (!ok) {
    process.stderr.write(
      `需要 Node.js 20.19+ 或 22.12+（当前 ${process.versions.node}）。Node ${process.versions.node} is too old.\n`,
    );
    process.exit(1);
  }
}

function pnpmWorks(command) {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().startsWith('12.');
}

/** Finds pnpm 12, installing it globally (or into .tools/ when global installs are not allowed). */
export function ensurePnpm() {
  if (pnpmWorks('pnpm')) return 'pnpm';
  const local = join(ROOT, '.tools', 'node_modules', '.bin', 'pnpm');
  if (existsSync(local) && pnpmWorks(local)) return local;
  say(`安装 pnpm ${PNPM_VERSION} (installing pnpm)`);
  const global = spawnSync('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit' });
  if (global.status === 0 && pnpmWorks('pnpm')) return 'pnpm';
  mkdirSync(join(ROOT, '.tools'), { recursive: true });
  const res = spawnSync('npm', ['install', '--prefix', join(ROOT, '.tools'), `pnpm@${PNPM_VERSION}`], {
    stdio: 'inherit',
  });
  if (res.status !== 0 || !pnpmWorks(local)) throw new Error('无法安装 pnpm (could not install pnpm)');
  return local;
}

/** better-sqlite3 compiles from source here; node-gyp must use the local Node headers (no downloads). */
export function installEnv() {
  const env = { ...process.env };
  if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  return env;
}

export function installPackages(pnpm) {
  say('安装依赖 (pnpm install)');
  run(pnpm, ['install', '--frozen-lockfile'], { env: installEnv() });
}

export function run(command, args, options = {}) {
  const res = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (res.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${res.status}`);
}

export function tryRun(command, args, options = {}) {
  return spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options }).status === 0;
}

/** Newest modification time under the given paths, ignoring build output and packages. */
export function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) {
        if (['node_modules', 'dist', '.swc', 'artifacts', 'test', '__tests__'].includes(name)) continue;
        walk(join(p, name));
      }
    } else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach((p) => walk(join(ROOT, p)));
  return newest;
}

export function isStale(outputFile, sourcePaths) {
  const out = join(ROOT, outputFile);
  return !existsSync(out) || statSync(out).mtimeMs < newestMtime(sourcePaths);
}

/** The product's four builds (or the named ones); each is skipped when its output is newer than its sources. */
export function buildAll(pnpm, { force = false, only = null } = {}) {
  const steps = [
    {
      name: '@app/shared',
      out: 'shared/dist/index.js',
      src: ['shared/src', 'shared/package.json'],
      args: ['--filter', '@app/shared', 'build'],
    },
    {
      name: '@app/server',
      out: 'server/dist/main.js',
      src: ['server/src', 'shared/src'],
      args: ['--filter', '@app/server', 'build'],
    },
    {
      name: '@app/admin-web',
      out: 'server/admin-web/dist/index.html',
      src: ['server/admin-web/src', 'server/admin-web/index.html', 'shared/src'],
      args: ['--filter', '@app/admin-web', 'build'],
    },
    {
      name: '@app/miniapp (H5)',
      out: 'miniapp/dist/h5/index.html',
      src: ['miniapp/src', 'miniapp/config', 'shared/src'],
      args: ['--filter', '@app/miniapp', 'build:h5'],
    },
  ];
  for (const step of steps) {
    if (only && !only.includes(step.name)) continue;
    if (!force && !isStale(step.out, step.src)) continue;
    say(`构建 ${step.name} (build)`);
    run(pnpm, step.args);
  }
}

export async function freePort(preferred) {
  const net = await import('node:net');
  const tryPort = (port) =>
    new Promise((resolvePort) => {
      const server = net.createServer();
      server.once('error', () => resolvePort(null));
      server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(port)));
    });
  for (let port = preferred; port < preferred + 50; port++) if (await tryPort(port)) return port;
  return tryPort(0);
}

export async function waitForReady(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health/ready`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

export { execFileSync, spawn };
