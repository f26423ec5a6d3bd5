// Administration journey on an EMPTY database (its own server, not the demo one the other journeys share):
// bootstrap → the admin signs in and must replace the printed password → builds a region, a project, a
// building and a unit → creates a staff account → grants it 客户经理 on that project → that person signs
// in, must change the password, and sees only their project; the audit log shows the grant's before/after.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { launch, menu, openPage, pick, shot } from './harness.mjs';

const ROOT = path.resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
const SERVER = path.join(ROOT, 'server/dist/main.js');
const BOOTSTRAP = path.join(ROOT, 'server/dist/cli/bootstrap.js');
const skip =
  fs.existsSync(SERVER) && fs.existsSync(BOOTSTRAP) && fs.existsSync('/usr/bin/chromium')
    ? false
    : 'needs the server build and Chromium';

const freePort = () =>
  new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

async function waitForReady(base) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/api/health/ready`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('server did not become ready');
}

async function signInWith(page, base, login, password) {
  await page.goto(`${base}/admin/`);
  await page.getByRole('heading', { name: '员工登录' }).waitFor();
  await page.getByPlaceholder('用户名 / 手机号').fill(login);
  await page.getByPlaceholder('密码').fill(password);
  await page.locator('button[type="submit"]').click();
}

async function changePassword(page, current, next) {
  const screen = page.getByTestId('change-password-page');
  await screen.getByPlaceholder('当前密码').fill(current);
  await screen.getByPlaceholder('新密码', { exact: true }).fill(next);
  await screen.getByPlaceholder('确认新密码').fill(next);
  await screen.locator('button[type="submit"]').click();
}

describe('administration from an empty database (browser)', () => {
  let dataDir;
  let server;
  let base;
  let env;
  let browser;
  let adminPassword;

  before(async () => {
    if (skip) return;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-journey-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_PASSWORD: '',
    };
    const boot = spawnSync(
      process.execPath,
      [
        BOOTSTRAP,
        '--',
        '--company',
        '启航物业服务有限公司',
        '--company-code',
        'QH',
        '--admin-name',
        '王管理',
        '--admin-username',
        'qhadmin',
      ],
      { env, encoding: 'utf8' },
    );
    assert.equal(boot.status, 0, boot.stderr);
    adminPassword = boot.stdout.match(/临时密码（只显示这一次）：(\S+)/)?.[1];
    assert.ok(adminPassword, boot.stdout);
    const again = spawnSync(
      process.execPath,
      [BOOTSTRAP, '--company', '第二家', '--company-code', 'QH2', '--admin-username', 'other'],
      { env, encoding: 'utf8' },
    );
    assert.equal(again.status, 1, 'a second bootstrap is refused');
    assert.match(again.stderr, /已有公司/);
    server = spawn(process.execPath, [SERVER], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    await waitForReady(base);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'bootstrap → admin builds a project and a staff account → the customer manager sees only that project',
    { skip },
    async () => {
      const { page, problems } = await openPage(browser.context);

      // The printed password only opens the change-password screen.
      await signInWith(page, base, 'qhadmin', adminPassword);
      await page.getByText('请先修改初始密码').waitFor();
      await shot(page, 'admin-forced-password');
      await changePassword(page, adminPassword, 'Qihang2026');
      await page.getByText('公司还没有项目').waitFor();
      assert.match(
        await page.locator('.ant-layout-sider .ant-menu').innerText(),
        /组织架构[\s\S]*员工账号与权限[\s\S]*审计日志/,
      );

      // Region → project → building → unit.
      await menu(page, '组织架构');
      const org = page.getByTestId('organization-page');
      await org.getByPlaceholder('区域编码，如 SZ').fill('SZ');
      await org.getByPlaceholder('区域名称，如 深圳区域').fill('深圳区域');
      await org.getByTestId('add-region').click();
      await org.getByText('SZ · 0 个项目').waitFor();
      await pick(page, org.locator('.ant-select').filter({ hasText: '所属区域' }), '深圳区域');
      await org.getByPlaceholder('项目编码（工单编号用）').fill('XC');
      await org.getByPlaceholder('项目名称').fill('新城花园');
      await org.getByTestId('add-project').click();
      await org.locator('tbody tr').filter({ hasText: '新城花园' }).waitFor();
      const buildings = page.getByTestId('buildings-card');
      await buildings.getByPlaceholder('楼栋名称，如 1栋').fill('1栋');
      await buildings.getByTestId('add-building').click();
      await buildings.locator('tbody tr').filter({ hasText: '1栋' }).waitFor();
      await buildings.getByLabel('1栋 新单元').fill('1单元');
      await buildings.getByLabel('1栋 新单元').press('Enter');
      await buildings.locator('.ant-tag').filter({ hasText: '1单元' }).waitFor();
      // A second project the customer manager must NOT see.
      await pick(page, org.locator('.ant-select').filter({ hasText: '所属区域' }), '深圳区域');
      await org.getByPlaceholder('项目编码（工单编号用）').fill('CHY');
      await org.getByPlaceholder('项目名称').fill('翠湖苑');
      await org.getByTestId('add-project').click();
      await org.locator('tbody tr').filter({ hasText: '翠湖苑' }).waitFor();
      await org.locator('tbody tr').filter({ hasText: '新城花园' }).getByRole('button', { name: '楼栋与部门' }).click();
      await buildings.locator('.ant-tag').filter({ hasText: '1单元' }).waitFor();
      const departments = page.getByTestId('departments-card');
      await departments.locator('#new-department_name').fill('工程部');
      await departments.getByRole('button', { name: '新建部门' }).click();
      await departments.locator('tbody tr').filter({ hasText: '工程部' }).waitFor();
      await shot(page, 'admin-organization');

      // A staff account with a temporary password, then 客户经理 on 新城花园.
      await menu(page, '员工账号与权限');
      const staff = page.getByTestId('staff-accounts-page');
      await staff.getByPlaceholder('姓名', { exact: true }).fill('李客服');
      await staff.getByPlaceholder('用户名（登录用）').fill('licm');
      await staff.getByTestId('create-staff').click();
      const temporary = (await page.getByTestId('temporary-password').innerText()).trim();
      assert.match(temporary, /^(?=.*[A-Za-z])(?=.*\d).{12}$/);
      await shot(page, 'admin-staff-created');
      await page.getByRole('button', { name: '我已记下' }).click();
      await staff.getByTestId('grant-licm').click();
      const dialog = page.locator('.ant-modal').filter({ hasText: '为 李客服 授权' });
      // 授权 with no role says what is missing (and raises no page error).
      await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
      await dialog.getByText('请选择角色').waitFor();
      await pick(page, dialog.locator('.ant-select').nth(0), '客户经理');
      await pick(page, dialog.locator('.ant-select').nth(2), '新城花园');
      await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
      const row = staff.locator('tbody tr').filter({ hasText: 'licm' });
      await row.locator('.ant-tag').filter({ hasText: '客户经理 · 项目：新城花园' }).waitFor();
      assert.match(await row.innerText(), /待改初始密码/);
      await shot(page, 'admin-staff-granted');

      // The audit log shows the grant with its before/after.
      await menu(page, '审计日志');
      const audit = page.getByTestId('audit-log-page');
      await pick(page, audit.locator('.ant-select').filter({ hasText: '动作' }), '授予角色');
      await audit.getByTestId('audit-search').click();
      const grantRow = audit.locator('tbody tr.ant-table-row').filter({ hasText: '授予角色' });
      await grantRow.waitFor();
      // The unfiltered page stays visible until the filtered answer arrives.
      await audit.locator('tbody tr.ant-table-row').nth(1).waitFor({ state: 'detached' });
      assert.equal(await audit.locator('tbody tr.ant-table-row').count(), 1);
      // In words: the object, the field and the grant (it read user #7, grants, customer_manager@project:3).
      assert.match(await grantRow.innerText(), /王管理[\s\S]*员工 #\d+[\s\S]*角色授权[\s\S]*客户经理（项目 #\d+）/);
      await shot(page, 'admin-audit-log');

      // The customer manager: forced change first, then only 新城花园 and no administration.
      const cm = await openPage(browser.context);
      await signInWith(cm.page, base, 'licm', temporary);
      await cm.page.getByText('请先修改初始密码').waitFor();
      await shot(cm.page, 'cm-forced-password');
      await changePassword(cm.page, temporary, 'Likefu2026');
      await cm.page.getByTestId('home-page').waitFor();
      await cm.page.getByTestId('project-switcher').click();
      await cm.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
      const options = await cm.page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts();
      assert.deepEqual(options, ['新城花园（深圳区域）']);
      await cm.page.keyboard.press('Escape');
      const menuText = await cm.page.locator('.ant-layout-sider .ant-menu').innerText();
      assert.doesNotMatch(menuText, /组织架构|员工账号与权限|审计日志/);
      assert.match(menuText, /住户认证审核/);
      await shot(cm.page, 'cm-own-project');
      assert.deepEqual(cm.problems, []);
      assert.deepEqual(problems, []);
    },
  );
});
