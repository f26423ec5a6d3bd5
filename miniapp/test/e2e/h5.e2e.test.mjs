// The H5 build in Debian's Chromium, clicked through as a person would: sign-in, 我的房屋, 我的, sign-out and an
// ended session. With E2E_BASE_URL (scripts/test.mjs) it runs against the real server and its demo data; without it,
// against test/e2e/stub-server.mjs. Screenshots go to $E2E_ARTIFACTS_DIR/miniapp-h5 or artifacts/h5. The house
// binding journey is h5-binding, the forced password change h5-password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, api, h5, setupH5, shown, storedSession } from './h5-harness.mjs';

const shots = process.env.E2E_ARTIFACTS_DIR ? path.join(ARTIFACTS, 'miniapp-h5') : ARTIFACTS;
const shot = (name) => h5.page.screenshot({ path: path.join(shots, name) });

let resident;
let staffAccount;

// Once the server is up (a second top-level before hook would run concurrently with setupH5's in Node 20, before
// the stub server has an origin).
setupH5({
  ready: async () => {
    fs.mkdirSync(shots, { recursive: true });
    const meta = await api('GET', '/api/meta');
    assert.equal(meta.body.demoLogin, true, 'these journeys sign in with demo accounts');
    const { accounts } = (await api('GET', '/api/auth/demo/accounts')).body;
    const residentAccount = accounts.find((a) => a.kind === 'resident');
    // Password-free demo sign-in is for residents and technicians; office staff are never listed.
    staffAccount = accounts.find((a) => a.roles.includes('technician'));
    assert.ok(residentAccount && staffAccount, 'demo data has a resident and a technician');
    assert.ok(
      accounts.every((a) => a.kind === 'resident' || a.roles.every((r) => r === 'technician')),
      'no office staff in the demo list',
    );
    const login = await api('POST', '/api/auth/demo/login', { userId: residentAccount.userId });
    resident = { account: residentAccount, me: login.body.user };
    await api('POST', '/api/auth/logout', { refreshToken: login.body.refreshToken });
  },
});

test('a guest is sent to 我的 and signs in with a demo resident account', async () => {
  const page = h5.page;
  await page.goto(`${h5.origin}/h5/#/pages/index/index`);
  await shown('欢迎使用物业服务').waitFor();
  await shot('01-home-guest.png');

  await page.getByText('去登录', { exact: true }).click();
  await shown('演示账号').waitFor();
  assert.equal(await page.getByText('微信一键登录').count(), 0, 'WeChat login is offered outside WeChat');
  await shot('02-mine-login.png');

  // By name: once 李娜 is approved into the same house (h5-binding), two entries share the description.
  const entry = shown('演示账号').locator('.login-panel__demo', { hasText: resident.account.name }).first();
  assert.ok((await entry.textContent()).includes(resident.account.description), 'the entry shows its description');
  await entry.click();
  await shown(`您好，${resident.me.name}`).waitFor();
  await shot('03-home-resident.png');
  assert.ok((await storedSession())?.accessToken, 'no access token stored');
});

test('the resident opens 我的房屋 from the resident sub-package', async () => {
  const page = h5.page;
  await shown('您好').getByText('我的房屋', { exact: true }).click();
  await shown('已绑定的房屋').waitFor();
  assert.match(page.url(), /#\/packages\/resident\/pages\/houses\/index/);
  const houses = shown('已绑定的房屋');
  if (resident.me.houses.length === 0) assert.ok(await houses.getByText(/尚未绑定房屋/).isVisible());
  for (const house of resident.me.houses)
    assert.ok(await houses.locator('.list-item', { hasText: house.label }).isVisible(), house.label);
  await shot('04-resident-houses.png');
  // Every sub-page has the H5 title bar; its back button returns to the home page.
  const bar = page.locator('#taro-navigation-bar.taro-navigation-bar-show');
  assert.equal((await bar.locator('.taro-navigation-bar-title').textContent()).trim(), '我的房屋');
  await bar.locator('.taro-navigation-bar-back').click();
  await shown('您好').waitFor();
  assert.match(page.url(), /#\/pages\/index\/index/);
});

test('我的 offers the resident houses, requests, ratings and settings', async () => {
  const page = h5.page;
  await page.goto(`${h5.origin}/h5/#/pages/mine/index`);
  const mine = shown('退出登录');
  for (const title of ['我的房屋', '我的工单', '我的评价', '设置'])
    await mine.getByText(title, { exact: true }).waitFor();
  await shot('04b-mine-menu.png');
  await mine.getByText('我的评价', { exact: true }).click();
  await page.locator('.taro_page_stationed').last().locator('.ratings, .card-title').first().waitFor();
  assert.match(page.url(), /#\/packages\/resident\/pages\/ratings\/index/);
  await shot('04c-my-ratings.png');
});

test('signing out from 我的 returns to the login options', async () => {
  const page = h5.page;
  await page.goto(`${h5.origin}/h5/#/pages/mine/index`);
  await shown('退出登录').getByText('退出登录', { exact: true }).click();
  await shown('业主 / 住户登录').waitFor();
  assert.equal(await storedSession(), null);
  await shot('05-signed-out.png');
});

test('an expired access token whose refresh is refused returns to sign-in', async () => {
  const page = h5.page;
  // Several technicians share a description; the name is unique.
  await shown('演示账号').locator('.login-panel__demo', { hasText: staffAccount.name }).click();
  await shown('师傅工作台').waitFor();
  const session = await storedSession();
  // Revoke the refresh token on the server, and make the access token read as expired.
  await api('POST', '/api/auth/logout', { refreshToken: session.refreshToken });
  const seen = [];
  await page.route('**/api/me', (route) => {
    seen.push('me');
    return route.fulfill({
      status: 401,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'TOKEN_EXPIRED', message: '登录已过期', requestId: 'e2e' }),
    });
  });
  page.on('request', (request) => {
    if (request.url().endsWith('/api/auth/refresh')) seen.push('refresh');
  });
  try {
    await page.reload();
    await shown('业主 / 住户登录').waitFor();
  } finally {
    await page.unroute('**/api/me');
  }
  assert.match(page.url(), /#\/pages\/mine\/index/);
  assert.equal(await storedSession(), null);
  assert.deepEqual(seen.slice(0, 2), ['me', 'refresh']);
  await shot('06-session-ended.png');
});

test('no page errors', () => {
  assert.deepEqual(h5.pageErrors, []);
});
