// 公告 in the H5 build against the REAL server (E2E_BASE_URL): pm1 publishes a 电梯维保 notice to 张伟's building
// through the API; 张伟 sees it on the home page, opens it (the staff's read count rises), and the 公告 message in
// 消息 opens the notices. Screenshots: h5-announcements-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, call, h5, setupH5, shot, shown, signInAs } from './h5-harness.mjs';

const skip = BASE ? false : 'needs the real server (E2E_BASE_URL): messages come from real dispatches';

setupH5({ realOnly: true, timezoneId: 'Asia/Shanghai' });

test(
  '张伟 sees the building notice on the home page, opens it, and its message opens that notice',
  { skip },
  async () => {
    const pm = (await call('POST', '/api/auth/password/login', null, { login: 'pm1', password: 'Demo@2026' }))
      .accessToken;
    const accounts = (await call('GET', '/api/auth/demo/accounts')).accounts;
    const zhang = accounts.find((a) => a.name === '张伟');
    const resident = (await call('POST', '/api/auth/demo/login', null, { userId: zhang.userId })).accessToken;
    const house = (await call('GET', '/api/me', resident)).houses[0];
    const buildings = await call('GET', `/api/property/projects/${house.projectId}/buildings`, pm);
    const room = house.label.slice(house.label.indexOf(' ') + 1); // "阳光花园 3栋1单元1201" → "3栋1单元1201"
    const building = [...buildings].sort((a, b) => b.name.length - a.name.length).find((b) => room.startsWith(b.name));
    assert.ok(building, `no building of ${house.label}`);
    const start = new Date(Date.now() + 3_600_000);
    const title = `电梯维保通知·${String(Date.now()).slice(-4)}`; // unique per run: the journey may run again on the same data
    const draft = await call('POST', '/api/announcements', pm, {
      projectId: house.projectId,
      template: 'elevator',
      title,
      body: '进行电梯例行维护保养，维保期间电梯暂停使用，请走楼梯并注意安全。给您带来不便，敬请谅解。',
      buildingIds: [building.id],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
    });
    const published = await call('POST', `/api/announcements/${draft.id}/publish`, pm, { version: draft.version });
    assert.ok(published.recipients >= 1);

    const page = h5.page;
    await signInAs('张伟');
    const home = shown('您好，张伟');
    const card = home.locator('.notices');
    const item = card.locator('.notices__item', { hasText: title });
    await item.waitFor();
    assert.ok(await item.locator('.notices__dot').isVisible(), 'an unread notice carries a dot');
    assert.match(await item.innerText(), /电梯维保[\s\S]*即将开始/);
    await page.waitForTimeout(300);
    await shot('h5-announcements-01-home.png');
    await item.click();

    const detail = shown('维保期间电梯暂停使用');
    await detail.locator('.notice__title', { hasText: title }).waitFor();
    await page.waitForTimeout(300);
    await shot('h5-announcements-02-detail.png');
    let read = 0;
    for (let i = 0; i < 20 && read < 1; i++) {
      read = (await call('GET', `/api/announcements?projectId=${house.projectId}`, pm)).items.find(
        (a) => a.id === draft.id,
      ).read;
      if (read < 1) await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(read, 1, 'opening the notice counted as read');

    await page.goto(`${BASE}/h5/#/pages/index/index`);
    await shown('您好，张伟').locator('.home__messages').click();
    const messages = shown('条未读');
    const message = messages.locator('.messages__item', { hasText: `【公告】${title}` }).first();
    await message.waitFor();
    await message.click();
    // The message names its notice (inbox object id): it opens that notice, not the list.
    await page.waitForURL(new RegExp(`packages/resident/pages/announcement/index\\?id=${draft.id}`));
    await shown('维保期间电梯暂停使用').locator('.notice__title', { hasText: title }).waitFor();
    await page.waitForTimeout(300);
    await shot('h5-announcements-03-from-message.png');
    assert.deepEqual(h5.pageErrors, []);
  },
);
