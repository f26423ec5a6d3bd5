// 公告管理 (issue 11): pm1 writes a 停电 notice from the template for one building, publishes it; 张伟 (that
// building) opens it in the mini-program API; the list shows 1 read of N recipients. Screenshots: console-announcements-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, apiSignIn, BASE, launch, menu, openPage, pick, shot, signIn, skip } from './harness.mjs';

describe('announcements (browser)', () => {
  let browser;

  before(async () => {
    if (!BASE) return;
    browser = await launch();
  });
  after(async () => browser?.close());

  it(
    'pm1 creates a notice from the template for one building, publishes it, and sees the read count',
    { skip },
    async () => {
      const accounts = (await api(null, 'GET', '/api/auth/demo/accounts')).accounts;
      const zhang = accounts.find((a) => a.name === '张伟');
      const resident = (await api(null, 'POST', '/api/auth/demo/login', { userId: zhang.userId })).accessToken;
      const me = await api(resident, 'GET', '/api/me');
      const label = me.houses[0].label; // "阳光花园 3栋1单元1201"
      const buildings = await api(
        await apiSignIn('pm1'),
        'GET',
        `/api/property/projects/${me.houses[0].projectId}/buildings`,
      );
      const building = buildings
        .map((b) => b.name)
        .sort((a, b) => b.length - a.length)
        .find((n) => label.slice(label.indexOf(' ') + 1).startsWith(n));
      assert.ok(building, `no building for ${label}`);

      const { page, problems } = await openPage(browser.context);
      await signIn(page, 'pm1');
      await menu(page, '公告管理');
      const list = page.getByTestId('announcements-page');
      await list.waitFor();
      await page.getByTestId('announcement-new').click();
      const modal = page.locator('.ant-modal').filter({ hasText: '新建公告' });
      await modal.waitFor();
      await modal.getByText('停电', { exact: true }).click();
      const range = modal.locator('.ant-picker-range');
      await range.locator('input').first().click();
      await range.locator('input').first().fill('2030-06-01 08:00');
      await page.keyboard.press('Enter');
      await range.locator('input').nth(1).fill('2030-06-01 18:00');
      await page.keyboard.press('Enter');
      await pick(page, modal.locator('.ant-form-item:has(label[title="楼栋"]) .ant-select'), building);
      await page.keyboard.press('Escape');
      const body = modal.locator('textarea');
      await page.waitForFunction(() => document.querySelector('.ant-modal textarea')?.value.includes('6月1日'));
      assert.match(await body.inputValue(), /6月1日 08:00 至 18:00期间暂停供电/);
      await shot(page, 'announcements-new', false);
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/announcements') && r.request().method() === 'POST',
      );
      await modal.getByRole('button', { name: '保存草稿' }).click();
      const draft = await (await created).json();
      assert.equal(draft.status, 'draft');

      const row = list.locator('tr').filter({ hasText: '停电通知' }).first();
      await row.getByTestId('announcement-publish').click();
      const published = page.waitForResponse((r) => r.url().endsWith(`/api/announcements/${draft.id}/publish`));
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /发\s?布/ })
        .click();
      const done = await (await published).json();
      assert.equal(done.status, 'published');
      assert.ok(done.recipients >= 1, 'the building has verified residents');

      const mine = await api(resident, 'GET', '/api/announcements/mine');
      assert.ok(
        mine.some((a) => a.id === draft.id),
        '张伟 sees the notice',
      );
      await api(resident, 'POST', `/api/announcements/mine/${draft.id}/read`);
      await page.getByRole('button', { name: /刷\s?新/ }).click();
      await list.locator('tr').filter({ hasText: '停电通知' }).first().getByText(`1/${done.recipients}`).waitFor();
      await shot(page, 'announcements-list', false);
      const pm = await apiSignIn('pm1');
      const page1 = await api(pm, 'GET', `/api/announcements?projectId=${draft.projectId}`);
      assert.equal(page1.items.find((a) => a.id === draft.id).read, 1);
      assert.deepEqual(problems, []);
    },
  );
});
