// Staff console journeys in real headless Chromium against a running server (it serves /admin/ and /api).
// Run: E2E_BASE_URL=http://127.0.0.1:3000 node --test test/e2e/console.e2e.test.mjs
// The customer manager's sign-in, workbench and houses; bindings and staffing pages are console-bindings and
// console-staffing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, DEMO_PASSWORD, api, apiSignIn, launch, openPage as open, shot, skip } from './harness.mjs';

describe('staff console (browser)', () => {
  let browser;
  before(async () => {
    if (!skip) browser = await launch();
  });
  after(async () => browser?.close());
  const openPage = () => open(browser.context);

  it('customer manager: demo panel, wrong password, sign-in, workbench, houses', { skip }, async () => {
    const res = await fetch(`${BASE}/api/auth/demo/accounts`);
    assert.equal(res.status, 200, 'the server must run with demo login on (embedded default)');
    const demoAccounts = await res.json();
    const { page, problems } = await openPage();
    const cm1 = await api(await apiSignIn('cm1'), 'GET', '/api/me');
    // Password-free demo sign-in is for residents and technicians only: no office staff is listed.
    assert.ok(demoAccounts.accounts.length > 0);
    assert.ok(
      demoAccounts.accounts.every((a) => a.kind === 'resident' || a.roles.every((r) => r === 'technician')),
      'the demo list offers no office staff',
    );

    await page.goto(`${BASE}/admin/`);
    await page.getByRole('heading', { name: '员工登录' }).waitFor();
    assert.match(page.url(), /#\/login$/, 'an anonymous visit lands on the login page');

    const panel = page.getByTestId('demo-panel');
    await panel.waitFor();
    assert.match(await panel.innerText(), /演示环境/);
    assert.match(await panel.innerText(), /不提供免密码登录/);
    assert.equal(await panel.locator('button').count(), 0, 'the console panel offers no account to pick');

    // Wrong password: the server's INVALID_CREDENTIALS is shown in plain words.
    await page.getByPlaceholder('用户名 / 手机号').fill('cm1');
    await page.getByPlaceholder('密码').fill('not-the-password');
    await page.locator('button[type="submit"]').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    assert.match(await error.innerText(), /账号或密码错误/);
    await shot(page, 'login-error');

    // Staff sign in with their password (the demo seed's is documented in the README).
    await page.getByPlaceholder('用户名 / 手机号').fill('cm1');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await shot(page, 'login');
    const loginResponse = page.waitForResponse((r) => r.url().endsWith('/api/auth/password/login'));
    await page.locator('button[type="submit"]').click();
    assert.equal((await loginResponse).status(), 200);

    // Workbench: the user's name, their role, and real numbers for the project.
    const home = page.getByTestId('home-page');
    await home.waitFor();
    assert.equal(await page.getByTestId('user-name').innerText(), cm1.name);
    assert.match(await page.getByTestId('role-tags').innerText(), /客户经理/);
    assert.match(await page.getByTestId('greeting').innerText(), new RegExp(`${cm1.name}$`));
    assert.match(await page.getByTestId('role-grants').innerText(), /客户经理 · 项目：阳光花园/);
    await page.getByText('本项目房屋').waitFor();
    const menu = await page.locator('.ant-layout-sider .ant-menu').innerText();
    assert.match(menu, /房屋档案/);
    assert.match(menu, /住户认证审核/);
    assert.doesNotMatch(menu, /楼栋客户经理|维修师傅/, 'a customer manager gets no staffing pages');
    await page.waitForLoadState('networkidle');
    await shot(page, 'home');

    // Houses: a non-empty table with formatted areas, then the detail drawer.
    await page.locator('.ant-layout-sider').getByText('房屋档案').click();
    const rows = page.locator('[data-testid="houses-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    assert.ok((await rows.count()) > 0, 'houses are listed');
    const firstRow = await rows.first().innerText();
    assert.match(firstRow, /\d+\.\d{2} m²/, 'area shown through formatArea');
    assert.match(firstRow, /住宅|商铺|写字间|车位|储藏室/);
    assert.match(await page.locator('.ant-pagination').innerText(), /共 \d+ 户/);
    await shot(page, 'houses');

    await rows.first().click();
    const detail = page.getByTestId('house-detail');
    await detail.waitFor();
    assert.match(await detail.innerText(), /专属客户经理/);
    assert.match(await detail.innerText(), /住户认证记录/);
    await shot(page, 'house-detail', false);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    // Search narrows the table to matching rooms.
    const roomNo = firstRow.match(/(\d+)栋(\d+)单元(\d+)/);
    if (roomNo) {
      const searched = page.waitForResponse((r) => r.url().includes('/houses?') && r.url().includes('q='));
      await page.getByPlaceholder(/搜索房号/).fill(roomNo[3]);
      await page.getByPlaceholder(/搜索房号/).press('Enter');
      const body = await (await searched).json();
      assert.ok(body.total > 0 && body.items.every((h) => h.roomNo.includes(roomNo[3])), 'search matches room numbers');
      await page.waitForFunction(
        ([n, total]) => document.querySelector('.ant-pagination')?.textContent?.includes(`共 ${total} 户`) && n,
        [roomNo[3], body.total],
      );
      assert.match(await rows.first().innerText(), new RegExp(roomNo[3]));
    }

    assert.deepEqual(problems, [], 'no page errors or console errors');
    await page.close();
  });
});
