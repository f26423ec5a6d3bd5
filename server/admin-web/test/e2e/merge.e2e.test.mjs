// 合并重复报修 journey: cm1 records the same leak twice for one house (代客报修 through the API), opens the second in
// the ticket drawer, merges it into the first by serial, follows 已合并到 to the first and sees it under 合并的报修.
// Changes data: run on a fresh DATA_DIR.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, apiSignIn, BASE, launch, menu, openPage, pick, shot, signIn, skip } from './harness.mjs';

describe('merge duplicate reports (browser)', () => {
  let browser;
  let original;
  let duplicate;

  before(async () => {
    if (!BASE) return;
    browser = await launch();
    const token = await apiSignIn('cm1');
    const projectId = (await api(token, 'GET', '/api/property/projects')).find((p) => p.name === '阳光花园').id;
    const seeded = (await api(token, 'GET', `/api/tickets?projectId=${projectId}&pageSize=50`)).items.find(
      (t) => t.houseId !== null,
    );
    assert.ok(seeded, 'the demo seeds tickets with a house');
    const report = (description) =>
      api(token, 'POST', '/api/tickets', {
        houseId: seeded.houseId,
        kind: 'repair',
        scope: 'home',
        category: 'GS',
        urgency: 'normal',
        description,
        contactName: '王女士',
        contactPhone: '13800001111',
        channel: 'phone',
      });
    original = await report('合并旅程：卫生间天花板渗水');
    duplicate = await report('合并旅程：卫生间顶上滴水（同一处）');
  });
  after(async () => browser?.close());

  it('cm1 merges the duplicate into the original from the drawer and both show the link', { skip }, async () => {
    const { page, problems } = await openPage(browser.context);
    await signIn(page, 'cm1');
    await menu(page, '工单中心');
    const search = page.getByTestId('ticket-search').locator('input');
    await search.fill(duplicate.serial);
    await search.press('Enter');
    await page.getByTestId('ticket-table').getByText(duplicate.serial, { exact: true }).click();
    const drawer = page.getByTestId('ticket-drawer');
    await drawer.getByTestId('ticket-detail').waitFor();

    await drawer.getByTestId('merge-button').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '合并重复报修 ·' });
    await modal.waitFor();
    await pick(page, modal.locator('.ant-select').first(), original.serial);
    assert.match(await modal.getByTestId('merge-summary').innerText(), new RegExp(`已合并到 ${original.serial}`));
    await modal.getByTestId('merge-reason').fill('同一处渗水');
    await shot(page, 'merge-modal', false);
    const done = page.waitForResponse(
      (r) => r.url().endsWith(`/api/tickets/${duplicate.id}/merge`) && r.request().method() === 'POST',
    );
    await modal.getByRole('button', { name: '确认合并' }).click();
    const res = await done;
    assert.equal(res.status(), 200, `merge → ${res.status()}`);
    const merged = await res.json();
    assert.deepEqual(merged.mergedInto, { id: original.id, serial: original.serial });

    const notice = drawer.getByTestId('ticket-merged-into');
    await notice.waitFor();
    assert.match(await notice.innerText(), new RegExp(`已合并到\\s*${original.serial}`));
    assert.match(await drawer.getByTestId('ticket-detail').innerText(), /重复报修，已合并到/);
    // Merged: nothing more to merge, and the title carries 已合并.
    assert.equal(await drawer.getByTestId('merge-button').count(), 0);
    await drawer.getByTestId('flag-merged').first().waitFor();
    await shot(page, 'merge-merged', false);

    // Follow the link: the original lists the duplicate under 合并的报修, and its timeline records the merge.
    await notice.getByRole('button', { name: original.serial }).click();
    const list = drawer.getByTestId('ticket-merged-list');
    await list.waitFor();
    assert.match(await list.innerText(), new RegExp(duplicate.serial));
    await drawer.getByTestId('ticket-timeline').getByText(`合并重复报修 ${duplicate.serial}：同一处渗水`).waitFor();
    await shot(page, 'merge-target', false);
    assert.deepEqual(problems, []);
  });
});
