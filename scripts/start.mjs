#!/usr/bin/env node
// `npm start`: from a fresh clone to a running product on the embedded default
// (SQLite file + local media + demo data + demo login). No services needed.
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT,
  assertNode,
  buildAll,
  ensurePnpm,
  freePort,
  installPackages,
  run,
  say,
  spawn,
  waitForReady,
} from './lib/toolchain.mjs';

assertNode();
const pnpm = ensurePnpm();
installPackages(pnpm);
buildAll(pnpm, { force: process.argv.includes('--rebuild') });

const dataDir = process.env.DATA_DIR || join(ROOT, 'data');
const env = { ...process.env, DATA_DIR: dataDir, NODE_ENV: process.env.NODE_ENV || 'development' };
say('迁移数据库并准备演示数据 (migrate + seed if empty)');
run(process.execPath, ['server/dist/cli/seed.js'], { env });

const port = await freePort(Number(process.env.PORT || 3000));
const host = process.env.HOST || '127.0.0.1';
mkdirSync(join(dataDir, 'logs'), { recursive: true });
const logFile = join(dataDir, 'logs', 'server.log');
const log = createWriteStream(logFile, { flags: 'a' });
const server = spawn(process.execPath, ['server/dist/main.js'], {
  cwd: ROOT,
  // glibc's per-thread malloc arenas fragment badly under sharp's image buffers; two arenas keep RSS in check.
  env: {
    ...env,
    PORT: String(port),
    HOST: host,
    MIGRATE_ON_START: 'true',
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '2',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.pipe(log);
server.stderr.pipe(log);
server.stderr.pipe(process.stderr);
server.on('exit', (code) => {
  process.stdout.write(`服务已退出 (server exited, code ${code})。日志：${logFile}\n`);
  process.exit(code ?? 1);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));

const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
if (!(await waitForReady(base))) {
  process.stderr.write(`服务未能启动，请查看日志 ${logFile}\n`);
  server.kill();
  process.exit(1);
}
// The server keeps the password-free demo login off beyond loopback unless DEMO_LOGIN=true (see README).
const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
const demoHint =
  loopback || process.env.DEMO_LOGIN === 'true'
    ? '「演示账号」选择住户（例如 张伟）或维修师傅'
    : `演示登录未开启（HOST=${host} 不是本机回环；如需开启请设置 DEMO_LOGIN=true）`;
process.stdout.write(`
  物业报修与账单 已启动 (running on the embedded default: SQLite at ${join(dataDir, 'app.sqlite')})

  住户小程序 (H5)   ${base}/h5/      → ${demoHint}
  员工工作台        ${base}/admin/   → 用户名 cm1  密码 Demo@2026（客户经理）
  API 文档          ${base}/api/docs
  服务日志          ${logFile}

  按 Ctrl+C 停止 (Ctrl+C to stop)
`);
