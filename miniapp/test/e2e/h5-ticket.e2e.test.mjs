// 报修 in the H5 build, in Debian's Chromium, against the REAL server only (E2E_BASE_URL, as scripts/test.mjs sets it
// with a fresh DATA_DIR): the stub server has no ticket lifecycle, and faking one would test the fake.
// 张伟 signs the seeded quote (马桶水箱 ¥65.00) on the canvas and sees 施工中; then reports a repair with one photo
// and sees it 待受理. 王师傅's part is h5-ticket-tech, 刘洋's acceptance h5-ticket-verify.
// Screenshots: $E2E_ARTIFACTS_DIR/h5-ticket-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, drawSignature, fullShot, h5, photoFile, setupH5, shown } from './h5-harness.mjs';

const skip = BASE ? false : 'needs the real server (E2E_BASE_URL); the stub has no tickets';
const DESCRIPTION = '阳台地漏返水，下雨天积水约 2 厘米，麻烦师傅上门看看';

setupH5({ realOnly: true, timezoneId: 'Asia/Shanghai' });

test('张伟 signs the waiting quote on the canvas and the ticket moves to 施工中', { skip }, async () => {
  const page = h5.page;
  await page.goto(`${BASE}/h5/#/pages/mine/index`);
  await shown('演示账号').locator('.login-panel__demo', { hasText: '张伟' }).click();
  await shown('您好，张伟').waitFor();
  // The home page says what waits for him before he looks for it.
  await shown('您好，张伟').locator('.todo-card', { hasText: '报价待您签字' }).waitFor();
  await fullShot('h5-ticket-00-home-todo.png');
  await shown('您好，张伟').getByText('我的工单', { exact: true }).click();

  let list = shown('报价待您确认签字');
  await list.waitFor();
  assert.match(page.url(), /#\/packages\/resident\/pages\/tickets\/index/);
  // What waits for the resident is pinned above newer tickets.
  assert.ok(
    await list.locator('.tickets__item').first().locator('.tickets__todo').isVisible(),
    'a 待我处理 ticket comes first',
  );
  assert.ok((await list.locator('.tickets__item').count()) >= 3, 'the seeded tickets are listed');
  await fullShot('h5-ticket-01-list.png');
  await list.locator('.tickets__filter', { hasText: '待我处理' }).click();
  await page.waitForFunction(() => {
    const items = [...document.querySelectorAll('.taro_page_stationed:last-child .tickets__item')];
    return items.length > 0 && items.every((el) => el.querySelector('.tickets__todo'));
  });
  await fullShot('h5-ticket-01b-list-todo.png');
  list = shown('报价待您确认签字');
  const quoted = list.locator('.tickets__item', { hasText: '马桶水箱' });
  assert.ok(await quoted.getByText('待确认报价').isVisible(), 'the quoted ticket shows 待确认报价');

  await quoted.click();
  const detail = shown('报价（待您确认）');
  await detail.waitFor();
  assert.ok(await detail.getByText('¥65.00').first().isVisible(), 'the quote total is ¥65.00');
  assert.ok(await detail.getByText('抽水马桶水箱配件维修').isVisible());
  const call = detail.locator('a.phone-call', { hasText: '137****0001' });
  assert.match(await call.getAttribute('href'), /^tel:1\d{10}$/, 'the resident may call the assigned technician');
  await fullShot('h5-ticket-02-detail-quoted.png');

  await detail.getByText('同意报价并签字', { exact: true }).click();
  const sign = shown('确认报价');
  await sign.waitFor();
  const canvas = sign.locator('canvas.sig-pad__canvas');
  await canvas.scrollIntoViewIfNeeded();
  await drawSignature(canvas);
  await fullShot('h5-ticket-03-sign.png');
  await sign.getByText('确认签字', { exact: true }).click();

  const done = shown('签字记录');
  await done.waitFor({ timeout: 15000 });
  await done.locator('.ticket-tag', { hasText: '施工中' }).waitFor();
  assert.ok(await done.getByText(/同意报价 · 张伟/).isVisible(), 'the signature is on record');
  assert.equal(await done.getByText('同意报价并签字', { exact: true }).count(), 0, 'no agree button once agreed');
  await fullShot('h5-ticket-04-in-progress.png');

  // The same signature link opened again (e.g. from a message) shows the result, not 无需签字.
  const id = new URL(page.url().replace('#', '')).searchParams.get('id');
  await page.goto(`${BASE}/h5/#/packages/resident/pages/sign/index?id=${id}&mode=agree`);
  await shown('✓ 已同意报价').waitFor();
  assert.equal(await page.getByText('无需签字').count(), 0);
  // The sub-page has the H5 title bar with a way out (back within the app, home when opened cold from a link).
  const bar = page.locator('#taro-navigation-bar.taro-navigation-bar-show');
  assert.ok(await bar.isVisible(), 'H5 title bar shown');
  assert.match(await bar.getAttribute('class'), /taro-navigation-bar-(back|home)-icon/);
  await fullShot('h5-ticket-04b-sign-link-result.png');
});

test('张伟 reports a new repair with one photo and sees it 待受理', { skip }, async () => {
  const page = h5.page;
  await page.goto(`${BASE}/h5/#/pages/index/index`);
  await shown('您好，张伟').getByText('我要报修', { exact: true }).click();
  const form = shown('报修类别');
  await form.waitFor();
  await form.getByText('提交报修', { exact: true }).click();
  await form.getByText('请选择户内或公共区域').waitFor();
  assert.ok(await form.getByText('请选择报修类别').isVisible(), 'per-field errors before sending');

  await form.getByText('户内', { exact: true }).click();
  await form.getByText('供水设备维修类', { exact: true }).click();
  await form.locator('textarea').fill(DESCRIPTION);

  const photo = await photoFile('drain.png', 480, 360);
  const chooser = page.waitForEvent('filechooser');
  await form.getByText('添加照片', { exact: true }).click();
  await (await chooser).setFiles(photo);
  await form.locator('.photo-uploader__img').first().waitFor();
  await form.locator('.photo-uploader__mask').waitFor({ state: 'detached', timeout: 15000 });
  assert.equal(await form.getByText('上传失败').count(), 0, 'the photo uploaded');
  await fullShot('h5-ticket-05-report.png');

  await form.getByText('提交报修', { exact: true }).click();
  const created = shown(DESCRIPTION);
  await created.locator('.detail__serial').waitFor({ timeout: 15000 });
  assert.ok(await created.getByText('✓ 报修已提交').isVisible(), 'the report is confirmed on the new ticket');
  assert.match(page.url(), /#\/packages\/resident\/pages\/ticket\/index\?id=\d+/);
  assert.ok(await created.locator('.ticket-tag', { hasText: '待受理' }).isVisible(), 'a new report is 待受理');
  assert.equal(await created.locator('.detail__photo').count(), 1, 'the photo is on the ticket');
  assert.ok(await created.getByText('提交报修', { exact: true }).isVisible(), 'the timeline starts with the report');
  assert.ok(await created.getByText('取消报修', { exact: true }).isVisible(), 'a fresh report may be cancelled');
  await fullShot('h5-ticket-06-created.png');
  assert.deepEqual(h5.pageErrors, []);
});
