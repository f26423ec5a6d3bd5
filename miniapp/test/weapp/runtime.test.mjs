// The real weapp bundle, run in node:vm against a recording `wx`: pages render, taps navigate, and the
// WeChat-only login path (wechat-code.weapp.ts) reaches the API with the code from wx.login.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allText, createMiniProgram, findByText, tap } from './mp-shim.mjs';
import { WEAPP_DIST } from '../../scripts/bundle-size.mjs';
import { API, api, tokens, user } from './runtime-support.mjs';

test('a guest sees the welcome card and 去登录 switches to the 我的 tab', async () => {
  const mp = createMiniProgram(WEAPP_DIST);
  mp.launch();
  const home = await mp.openPage('pages/index/index');
  assert.match(allText(home.data.root), /欢迎使用物业服务/);
  await tap(home, findByText(home.data.root, '去登录'), WEAPP_DIST);
  assert.deepEqual(
    mp.calls.filter((c) => c.name === 'switchTab').map((c) => c.opts.url),
    ['/pages/mine/index'],
  );
  assert.equal(mp.calls.filter((c) => c.name === 'request').length, 0);
});

test('WeChat login: wx.login code → API → session stored → home tab', async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    login: () => ({ code: 'code-from-wx', errMsg: 'login:ok' }),
    request: api({
      'GET /api/meta': {
        statusCode: 200,
        data: { name: '物业服务', version: '0.1.0', demoLogin: false, wechatLogin: true, environment: 'production' },
      },
      'POST /api/auth/wechat/login': (opts) =>
        opts.data.code === 'code-from-wx' ? { statusCode: 200, data: tokens } : { statusCode: 401, data: {} },
    }),
  });
  mp.launch();
  const mine = await mp.openPage('pages/mine/index');
  const text = allText(mine.data.root);
  assert.match(text, /微信一键登录/);
  assert.doesNotMatch(text, /演示账号/);
  await tap(mine, findByText(mine.data.root, '微信一键登录'), WEAPP_DIST);
  const requests = mp.calls.filter((c) => c.name === 'request').map((c) => `${c.opts.method} ${c.opts.url}`);
  // The 我的 tab turns into the profile at once (no stale sign-in options), whose menu reads the service phone.
  assert.deepEqual(requests, [`GET ${API}/api/meta`, `POST ${API}/api/auth/wechat/login`, `GET ${API}/api/meta`]);
  assert.equal(mp.calls.filter((c) => c.name === 'login').length, 1);
  assert.equal(mp.wx.getStorageSync('app.session').accessToken, 'acc-1');
  const switched = mp.calls.filter((c) => c.name === 'switchTab').at(-1);
  assert.equal(switched?.opts.url, '/pages/index/index');
  assert.match(allText(mine.data.root), /退出登录/);
});

test('a signed-in resident opens 我的房屋 in the resident sub-package, which lists the house', async () => {
  const signedIn = (data) => (opts) =>
    opts.header.Authorization === 'Bearer acc-1' ? { statusCode: 200, data } : { statusCode: 401, data: {} };
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({
      'GET /api/me': signedIn(user),
      'GET /api/bindings/mine': signedIn([]),
      'GET /api/bindings/family-requests': signedIn([]),
    }),
  });
  mp.wx.setStorageSync('app.session', {
    accessToken: 'acc-1',
    accessTokenExpiresAt: 'x',
    refreshToken: 'ref-1',
    refreshTokenExpiresAt: 'y',
  });
  mp.launch();
  const home = await mp.openPage('pages/index/index');
  assert.match(allText(home.data.root), /您好，王芳/);
  await tap(home, findByText(home.data.root, '我的房屋'), WEAPP_DIST);
  const nav = mp.calls.find((c) => c.name === 'navigateTo');
  assert.equal(nav?.opts.url, '/packages/resident/pages/houses/index');
  const houses = await mp.openPage('packages/resident/pages/houses/index');
  assert.match(allText(houses.data.root), /3栋1单元1201.*业主/);
});

test('申请绑定房屋 in the resident sub-package walks 小区 → 楼栋 → 单元 → 房号 and checks the form before sending', async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({
      'GET /api/directory/projects': {
        statusCode: 200,
        data: [
          { id: 1, code: 'YGHY', name: '阳光花园' },
          { id: 2, code: 'CHY', name: '翠湖苑' },
        ],
      },
      'GET /api/directory/projects/1/buildings': {
        statusCode: 200,
        data: [{ id: 2, projectId: 1, name: '2栋', units: [{ id: 4, name: '1单元' }], customerManagers: [] }],
      },
      'GET /api/directory/units/4/houses': {
        statusCode: 200,
        data: [
          { id: 151, roomNo: '101', floor: 1 },
          { id: 152, roomNo: '102', floor: 1 },
        ],
      },
    }),
  });
  mp.wx.setStorageSync('app.session', {
    accessToken: 'acc-1',
    accessTokenExpiresAt: 'x',
    refreshToken: 'ref-1',
    refreshTokenExpiresAt: 'y',
  });
  mp.launch();
  const apply = await mp.openPage('packages/resident/pages/apply/index');
  for (const choice of ['阳光花园', '2栋', '1单元', '102'])
    await tap(apply, findByText(apply.data.root, choice), WEAPP_DIST);
  assert.match(allText(apply.data.root), /已选：阳光花园 2栋1单元102/);
  await tap(apply, findByText(apply.data.root, '提交申请'), WEAPP_DIST);
  const text = allText(apply.data.root);
  assert.match(text, /请选择与房屋的关系/);
  assert.match(text, /请填写姓名/);
  assert.doesNotMatch(text, /请选择房屋/);
  const requests = mp.calls
    .filter((c) => c.name === 'request')
    .map((c) => `${c.opts.method} ${new URL(c.opts.url).pathname}`);
  assert.deepEqual(requests, [
    'GET /api/directory/projects',
    'GET /api/directory/projects/1/buildings',
    'GET /api/directory/units/4/houses',
  ]);
});
