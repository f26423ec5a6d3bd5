// Serves dist/h5 at /h5/ and a stand-in for the identity, directory, binding and public fee schedule routes (docs/api.md) on one loopback origin,
// as the real server does. The stand-in answers with @app/shared shapes and the error envelope.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createBillsStub } from './stub-bills.mjs';
import { createBindingStub } from './stub-bindings.mjs';
import { feeScheduleRoute } from './stub-fee-schedule.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export const USERS = {
  11: {
    id: 11,
    kind: 'resident',
    name: '王芳',
    phoneMasked: '138****5678',
    username: null,
    roles: [{ role: 'resident', scopeType: 'project', scopeId: 1, scopeName: '阳光花园' }],
    houses: [{ bindingId: 5, houseId: 501, projectId: 1, label: '3栋1单元1201', relation: 'owner' }],
    wechatBound: false,
  },
  21: {
    id: 21,
    kind: 'staff',
    name: '王师傅',
    phoneMasked: '139****0001',
    username: 'tech1',
    roles: [{ role: 'technician', scopeType: 'project', scopeId: 1, scopeName: '阳光花园' }],
    houses: [],
    wechatBound: false,
  },
  16: {
    id: 16,
    kind: 'resident',
    name: '张伟',
    phoneMasked: '138****1001',
    username: null,
    roles: [],
    houses: [],
    wechatBound: true,
  },
  17: {
    id: 17,
    kind: 'resident',
    name: '李娜',
    phoneMasked: '138****1002',
    username: null,
    roles: [],
    houses: [],
    wechatBound: true,
  },
  22: {
    id: 22,
    kind: 'resident',
    name: '陈静',
    phoneMasked: '138****1006',
    username: null,
    roles: [],
    houses: [],
    wechatBound: true,
  },
};

const DEMO = {
  demoPassword: 'demo1234',
  accounts: [
    {
      userId: 11,
      name: '王芳',
      kind: 'resident',
      roles: ['resident'],
      description: '阳光花园 3栋1单元1201 业主',
      username: null,
    },
    // Like the real server: residents and technicians only, never office staff.
    {
      userId: 21,
      name: '王师傅',
      kind: 'staff',
      roles: ['technician'],
      description: '阳光花园 维修师傅',
      username: 'tech1',
    },
    {
      userId: 16,
      name: '张伟',
      kind: 'resident',
      roles: [],
      description: '阳光花园 3栋1单元1201 已认证住户',
      username: null,
    },
    { userId: 17, name: '李娜', kind: 'resident', roles: [], description: '未认证住户', username: null },
    { userId: 22, name: '陈静', kind: 'resident', roles: [], description: '未认证住户', username: null },
  ],
};

export async function startStubServer(distDir) {
  const sessions = new Map();
  const refreshTokens = new Map();
  const log = [];
  const directory = createBindingStub();
  const bills = createBillsStub(directory.housesOf);
  let n = 0;

  const send = (res, status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const fail = (res, status, code, message, details) =>
    send(res, status, { code, message, details, requestId: `stub-${++n}` });
  const issue = (userId) => {
    const token = `acc-${++n}`;
    sessions.set(token, userId);
    refreshTokens.set(`ref-${n}`, userId);
    return {
      accessToken: token,
      accessTokenExpiresAt: new Date(Date.now() + 9e5).toISOString(),
      refreshToken: `ref-${n}`,
      refreshTokenExpiresAt: new Date(Date.now() + 864e5).toISOString(),
      user: USERS[userId],
    };
  };
  const rawBody = (req) =>
    new Promise((resolve) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => resolve(raw));
    });

  async function api(req, res, pathname, searchParams) {
    log.push(`${req.method} ${pathname}`);
    const raw = await rawBody(req);
    // Like the real server (Fastify): a JSON content type with an empty body is refused.
    if (
      raw === '' &&
      /application\/json/.test(req.headers['content-type'] ?? '') &&
      ['POST', 'PUT', 'PATCH'].includes(req.method)
    ) {
      return fail(res, 400, 'VALIDATION_FAILED', "Body cannot be empty when content-type is set to 'application/json'");
    }
    const readBody = async () => (raw ? JSON.parse(raw) : {});
    const route = `${req.method} ${pathname}`;
    if (route === 'GET /api/meta')
      return send(res, 200, {
        name: '物业服务',
        version: '0.1.0',
        demoLogin: true,
        wechatLogin: true,
        servicePhone: '0571-88886666',
        environment: 'development',
      });
    if (route === 'GET /api/auth/demo/accounts') return send(res, 200, DEMO);
    if (route === 'POST /api/auth/demo/login') {
      const { userId } = await readBody();
      return USERS[userId] ? send(res, 200, issue(userId)) : fail(res, 404, 'NOT_FOUND', '演示账号不存在');
    }
    if (route === 'POST /api/auth/logout') {
      refreshTokens.delete((await readBody()).refreshToken);
      return send(res, 204);
    }
    if (route === 'POST /api/auth/refresh') {
      const { refreshToken } = await readBody();
      const userId = refreshTokens.get(refreshToken);
      refreshTokens.delete(refreshToken);
      return userId ? send(res, 200, issue(userId)) : fail(res, 401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
    }
    // Public like the real server's (公示): answered before any token check.
    const fee = feeScheduleRoute(req.method, pathname, searchParams);
    if (fee)
      return fee.error ? fail(res, fee.status, fee.error.code, fee.error.message) : send(res, fee.status, fee.body);
    const userId = sessions.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!userId) return fail(res, 401, 'UNAUTHENTICATED', '请先登录');
    if (route === 'GET /api/me')
      return send(res, 200, { ...USERS[userId], houses: [...USERS[userId].houses, ...directory.housesOf(userId)] });
    const answer = await directory.route(req.method, pathname, userId, readBody);
    if (answer)
      return answer.error
        ? fail(res, answer.status, answer.error.code, answer.error.message, answer.error.details)
        : send(res, answer.status, answer.body);
    const bill = await bills.route(req.method, pathname, userId, readBody);
    if (bill)
      return bill.error
        ? fail(res, bill.status, bill.error.code, bill.error.message, bill.error.details)
        : send(res, bill.status, bill.body);
    return fail(res, 404, 'NOT_FOUND', '资源不存在');
  }

  function file(res, pathname) {
    const resolved = path.resolve(distDir, `.${pathname.slice('/h5'.length)}`);
    const target =
      resolved.startsWith(path.resolve(distDir)) && fs.existsSync(resolved) && fs.statSync(resolved).isFile()
        ? resolved
        : path.join(distDir, 'index.html');
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(target)] ?? 'application/octet-stream' });
    fs.createReadStream(target).pipe(res);
  }

  const server = http.createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url, 'http://stub');
    if (pathname.startsWith('/api/'))
      api(req, res, pathname, searchParams).catch(() => fail(res, 500, 'INTERNAL_ERROR', '服务器内部错误'));
    else if (pathname.startsWith('/h5/')) file(res, pathname);
    else fail(res, 404, 'NOT_FOUND', '资源不存在');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
