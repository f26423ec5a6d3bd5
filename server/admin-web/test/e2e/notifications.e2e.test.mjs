// 消息 bell (notifications issue): 张伟 sends a suggestion from the mini-program (API); cm1's bell shows the unread
// count, the dropdown lists 新工单 for it, and clicking the message opens the ticket and marks it read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, apiSignIn, BASE, launch, openPage, shot, signIn, skip } from './harness.mjs';

describe('console notification bell (browser)', () => {
  let browser;

  before(async () => {
    if (!BASE) return;
    browser = await launch();
  });
  after(async () => browser?.close());

  it('cm1 sees the unread count, the new request in the list, and opens it from there', { skip }, async () => {
    const accounts = (await api(null, 'GET', '/api/auth/demo/accounts')).accounts;
    const zhang = accounts.find((a) => a.name === '张伟');
    const resident = (await api(null, 'POST', '/api/auth/demo/login', { userId: zhang.userId })).accessToken;
    const houseId = (await api(resident, 'GET', '/api/me')).houses[0].houseId;
    const ticket = await api(resident, 'POST', '/api/tickets', {
      houseId,
      kind: 'suggestion',
      category: 'GS',
      urgency: 'normal',
      description: '建议在 3 栋门口加装快递柜',
    });
    const cm = await apiSignIn('cm1');
    const unread = (await api(cm, 'GET', '/api/inbox/unread-count')).unread;
    assert.ok(unread >= 1, 'the new request reached cm1');

    const { page, problems } = await openPage(browser.context);
    await signIn(page, 'cm1');
    const bell = page.getByTestId('notification-bell');
    await page.locator('.ant-badge', { has: bell }).locator('.ant-badge-count').waitFor();
    const shown = await page.locator('.ant-badge', { has: bell }).locator('.ant-badge-count').getAttribute('title');
    assert.equal(Number(shown), unread, 'the bell shows the unread count');
    await bell.click();
    const list = page.getByTestId('notification-list');
    const item = list.locator('.ant-list-item', { hasText: `新工单 ${ticket.serial}` });
    await item.waitFor();
    await shot(page, 'notification-bell', false);
    await item.click();
    await page.locator('.ant-drawer').getByText(ticket.serial).first().waitFor();
    const after = (await api(cm, 'GET', '/api/inbox/unread-count')).unread;
    assert.equal(after, unread - 1, 'opening the message marked it read');
    assert.deepEqual(problems, []);
  });
});
