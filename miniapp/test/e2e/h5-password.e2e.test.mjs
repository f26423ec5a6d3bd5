// 修改密码 in the H5 build, real server only (administration API and password sign-in): 刘师傅 (tech6), whose password
// the administrator reset, is held on 修改密码 until he changes it. Screenshots h5-password-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, apiAs, fullShot, h5, setupH5, shown, storedSession } from './h5-harness.mjs';

setupH5({ realOnly: true });

/** Only the real server has the administration API and password sign-in. */
const realServer = process.env.E2E_BASE_URL
  ? false
  : 'needs the real server (E2E_BASE_URL): administration API and password sign-in';
/** The seeded staff password (server/src/modules/identity/auth.service.ts DEMO_PASSWORD). */
const SEEDED_PASSWORD = 'Demo@2026';

async function passwordLogin(login, password) {
  const res = await api('POST', '/api/auth/password/login', { login, password });
  assert.equal(res.status, 200, `${login} signs in: ${JSON.stringify(res.body)}`);
  return res.body;
}

test(
  '刘师傅, whose password the administrator reset, is held on 修改密码 after signing in, changes it and lands on 师傅工作台',
  { skip: realServer },
  async () => {
    const page = h5.page;
    // tech6 (刘师傅) is used by no other journey: the reset ends his sessions and his password is put back at the end.
    const admin = await passwordLogin('admin', SEEDED_PASSWORD);
    const found = await apiAs(admin.accessToken, 'GET', '/api/admin/staff?q=tech6');
    const tech = found.body.items.find((s) => s.username === 'tech6');
    assert.ok(tech, 'the seed has tech6');
    const reset = await apiAs(admin.accessToken, 'POST', `/api/admin/staff/${tech.id}/password-reset`, {});
    assert.equal(reset.status, 200);
    assert.equal(reset.body.account.mustChangePassword, true);
    const temporary = reset.body.temporaryPassword;
    await api('POST', '/api/auth/logout', { refreshToken: admin.refreshToken });
    const fresh = 'Garden2026x';

    try {
      await page.goto(`${h5.origin}/h5/#/pages/mine/index`);
      await shown('退出登录').or(shown('员工登录（账号密码）')).first().waitFor();
      if (await shown('退出登录').count()) await shown('退出登录').getByText('退出登录', { exact: true }).click();
      const login = shown('员工登录（账号密码）');
      await login.locator('input[placeholder="手机号或用户名"]').fill('tech6');
      await login.locator('input[placeholder="密码"]').fill(temporary);
      await login.locator('.login-panel__submit').click();

      const form = shown('请先修改密码');
      await form.waitFor();
      assert.match(page.url(), /#\/packages\/resident\/pages\/password\/index\?forced=1/);
      assert.ok(await form.getByText('刘师傅，您的密码由管理员设置，修改后才能继续使用。').isVisible());
      assert.ok(await form.getByText('· 至少 8 位，须同时包含字母和数字').isVisible(), 'the shared rule is shown');
      await fullShot('h5-password-01-forced.png');

      // Other pages send him back while the change is pending.
      await page.goto(`${h5.origin}/h5/#/pages/index/index`);
      await page.waitForURL(/#\/packages\/resident\/pages\/password\/index/, { timeout: 15_000 });
      const held = shown('请先修改密码');
      await held.waitFor();

      // Checked before sending: the shared rule and the confirmation.
      await held.locator('input[placeholder="请输入当前密码"]').fill(temporary);
      await held.locator('input[placeholder="请输入新密码"]').fill('abcdefgh');
      await held.locator('input[placeholder="请再次输入新密码"]').fill('abcdefgi');
      await held.getByText('确认修改', { exact: true }).click();
      await held.getByText('密码须同时包含字母和数字', { exact: true }).waitFor();
      assert.ok(await held.getByText('两次输入的新密码不一致', { exact: true }).isVisible());
      await fullShot('h5-password-02-rules.png');

      // The server's answer lands under its field: a wrong current password.
      await held.locator('input[placeholder="请输入当前密码"]').fill('Wrong12345');
      await held.locator('input[placeholder="请输入新密码"]').fill(fresh);
      await held.locator('input[placeholder="请再次输入新密码"]').fill(fresh);
      await held.getByText('确认修改', { exact: true }).click();
      await held.getByText('当前密码不正确', { exact: true }).waitFor();
      await fullShot('h5-password-03-wrong-current.png');

      await held.locator('input[placeholder="请输入当前密码"]').fill(temporary);
      await held.getByText('确认修改', { exact: true }).click();
      await page.waitForURL(/#\/packages\/technician\/pages\/home\/index/, { timeout: 15_000 });
      await shown('负责项目').waitFor();
      await page.waitForTimeout(400); // the 密码已修改 toast fades in
      await fullShot('h5-password-04-workbench.png');

      const session = await storedSession();
      const me = await apiAs(session.accessToken, 'GET', '/api/me');
      assert.equal(me.body.mustChangePassword, false);
      assert.notEqual(
        (await api('POST', '/api/auth/password/login', { login: 'tech6', password: temporary })).status,
        200,
        'the temporary password no longer works',
      );
    } finally {
      // Put the seeded password back (whichever one is current), so the demo data stays as seeded for other journeys.
      for (const current of [fresh, temporary]) {
        const res = await api('POST', '/api/auth/password/login', { login: 'tech6', password: current });
        if (res.status !== 200) continue;
        const restored = await apiAs(res.body.accessToken, 'POST', '/api/me/password', {
          currentPassword: current,
          newPassword: SEEDED_PASSWORD,
        });
        assert.equal(restored.status, 204, 'tech6 has the seeded password again');
        await api('POST', '/api/auth/logout', { refreshToken: res.body.refreshToken });
        break;
      }
    }
  },
);

test('no page errors', () => {
  assert.deepEqual(h5.pageErrors, []);
});
