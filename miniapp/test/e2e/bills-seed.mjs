// The real server for the resident bill journey (h5-bills.e2e.test.mjs), and the bill it reads.
//
// Publishing 阳光花园's run for the current month bills every confirmed open charge of the project — among them the one
// the console's 费用减免 journey (server/admin-web/test/e2e/charges) waives afterwards on the shared server. So this
// journey starts its OWN server from the same build (server/dist) on a freshly seeded DATA_DIR, and leaves the shared
// one as it found it. Then it publishes the run through the staff API, so 张伟's bill carries his verified 水龙头 repair
// (the demo seed's open charge, billed because it was posted before the month's cut-off). Idempotent: an existing
// 物业服务费 item is kept, and a run already started, checked or published is carried on.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Shown on the bill's 如何缴费 card (tap to call); any demo number will do. */
const SERVICE_PHONE = '021-58881234';
const DEMO_PASSWORD = 'Demo@2026';
/** The staff account with 收费项目 and 账单生成 rights (finance, company-wide). */
const FINANCE = 'finance1';
const RESIDENT = '张伟';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A server of its own: the demo seed in a temp DATA_DIR (SQLite), serving /api and /h5 like the shared one. */
export async function startOwnServer() {
  const main = path.join(ROOT, 'server', 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new Error('missing server/dist — build the server (pnpm --filter @app/server build)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-bills-'));
  const port = await freePort();
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    DATABASE_URL: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    SERVICE_PHONE,
    REDIS_URL: '',
  };
  execFileSync(process.execPath, [path.join(ROOT, 'server', 'dist', 'cli', 'seed.js')], {
    cwd: ROOT,
    env,
    stdio: 'ignore',
  });
  const child = spawn(process.execPath, [main], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const origin = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (const deadline = Date.now() + 60_000; ;) {
    if (child.exitCode !== null) throw new Error(`the journey's server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${origin}/api/health/ready`)).ok) return { origin, close };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error("the journey's server did not become ready in 60 s");
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function call(origin, token, method, route, body) {
  const res = await fetch(`${origin}${route}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** "YYYY-MM" of now in Asia/Shanghai, the month the server bills charges of. */
function shanghaiMonth() {
  const local = new Date(Date.now() + 8 * 3600_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function yuan(fen) {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(abs % 100).padStart(2, '0')}`;
}

async function residentToken(origin) {
  const { accounts } = await call(origin, null, 'GET', '/api/auth/demo/accounts');
  const account = accounts.find((a) => a.name === RESIDENT);
  if (!account) throw new Error(`no demo account ${RESIDENT}`);
  return (await call(origin, null, 'POST', '/api/auth/demo/login', { userId: account.userId })).accessToken;
}

async function publishRun(origin, token, projectId, period) {
  const items = await call(origin, token, 'GET', `/api/billing/items?projectId=${projectId}`);
  if (!items.some((i) => i.kind === 'area')) {
    await call(origin, token, 'POST', '/api/billing/items', {
      projectId,
      code: 'WY',
      name: '物业服务费',
      kind: 'area',
      houseType: null,
      unitPrice: '2.35',
      unit: '元/㎡·月',
      effectiveFrom: period,
    });
  }
  // 空置房优惠 is off (0 %) until a project sets it; the journey's resident applies for one.
  const policy = await call(origin, token, 'GET', `/api/billing/projects/${projectId}/late-fee-policy`);
  if (policy.vacancyDiscountPercent <= 0) {
    const { projectId: _omit, ...terms } = policy;
    await call(origin, token, 'PUT', `/api/billing/projects/${projectId}/late-fee-policy`, {
      ...terms,
      vacancyDiscountPercent: 30,
    });
  }
  let [run] = await call(origin, token, 'GET', `/api/billing/runs?projectId=${projectId}&period=${period}`);
  if (!run || run.status === 'failed')
    [run] = await call(origin, token, 'POST', '/api/billing/runs', { projectId, period });
  for (let waited = 0; run.status === 'running'; waited += 250) {
    if (waited > 60_000)
      throw new Error(`bill run ${run.id} still running after 60 s (${run.housesDone}/${run.housesTotal})`);
    await new Promise((r) => setTimeout(r, 250));
    run = await call(origin, token, 'GET', `/api/billing/runs/${run.id}`);
  }
  if (run.status === 'failed') throw new Error(`bill run ${run.id} failed: ${run.error}`);
  if (run.status === 'draft') run = await call(origin, token, 'POST', `/api/billing/runs/${run.id}/check`);
  if (run.status === 'checked') run = await call(origin, token, 'POST', `/api/billing/runs/${run.id}/publish`);
  if (run.status !== 'published') throw new Error(`bill run ${run.id} is ${run.status}`);
}

/** What the journey will find: the month's bill of 张伟's house and its paid-service line. */
export async function publishDemoBills(origin) {
  const resident = await residentToken(origin);
  const me = await call(origin, resident, 'GET', '/api/me');
  const house = me.houses[0];
  if (!house) throw new Error(`${RESIDENT} has no verified house in the demo data`);
  const period = shanghaiMonth();
  const { accessToken } = await call(origin, null, 'POST', '/api/auth/password/login', {
    login: FINANCE,
    password: DEMO_PASSWORD,
  });
  await publishRun(origin, accessToken, house.projectId, period);

  const bills = await call(origin, resident, 'GET', '/api/bills/mine');
  const bill = bills.find((b) => b.houseId === house.houseId && b.period === period);
  if (!bill) throw new Error(`no published ${period} bill for ${house.label}`);
  const detail = await call(origin, resident, 'GET', `/api/bills/mine/${bill.id}`);
  const charge = detail.lines.find((l) => l.kind === 'charge' && l.ticketId);
  if (!charge)
    throw new Error(`the ${period} bill of ${house.label} has no paid-service line: ${JSON.stringify(detail.lines)}`);
  const ticket = await call(origin, resident, 'GET', `/api/tickets/${charge.ticketId}`);
  return {
    period,
    monthTitle: `${Number(period.slice(0, 4))}年${Number(period.slice(5))}月`,
    totalText: yuan(bill.totalFen),
    dueText: yuan(Math.max(0, bill.totalFen - bill.paidFen)),
    chargeSerial: charge.ticketSerial,
    quoteTotalText: yuan(ticket.quote?.totalFen ?? charge.amountFen),
    arrearsText: bill.arrearsFen > 0 ? yuan(bill.arrearsFen) : null,
  };
}
