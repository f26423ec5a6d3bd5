// 收费标准 (公示) in the H5 build, in Debian's Chromium: a guest opens the poster's QR link, searches and reads an item;
// then the demo resident 张伟 reaches it from the home page. Against the real server with E2E_BASE_URL, otherwise against
// test/e2e/stub-server.mjs (which serves the same 46-item demo schedule). Screenshots: $E2E_ARTIFACTS_DIR/h5-fee-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullShot, h5, setupH5, shot, shown } from './h5-harness.mjs';

/** The path printed as a QR code on the poster; it must keep working. */
const POSTER_PATH = '/h5/#/packages/resident/pages/fee-schedule/index?projectId=1';

/** Authorization headers seen on the public schedule routes. */
const publicAuth = [];

/** The schedule page, whatever a search left of its list. */
const schedulePage = () => h5.page.locator('.taro_page_stationed', { has: h5.page.locator('.fee__header') }).last();
const itemNames = (scope) => scope.locator('.fee__item-name').allTextContents();

// Static files (the page, its scripts, styles, icons and the favicon) must all load: a 404 on every page was reported.
setupH5({
  failedStatic: true,
  ready: () =>
    h5.page.on('request', (request) => {
      if (request.url().includes('/api/public/fee-schedule')) publicAuth.push(request.headers().authorization ?? null);
    }),
});

test("a guest opens the poster link: the demo company's 46 items by category, with prices and badges", async () => {
  const page = h5.page;
  await page.goto(`${h5.origin}${POSTER_PATH}`);
  const schedule = schedulePage();
  await schedule.locator('.fee__item').first().waitFor();
  assert.match(
    await schedule.locator('.fee__header').textContent(),
    /特约服务项目及收费标准.*已公示.*第 1 版.*自 \d{4}-\d{2}-\d{2} 起执行/,
  );
  assert.equal(await schedule.locator('.fee__item').count(), 46);
  assert.deepEqual(await schedule.locator('.fee__category-name').allTextContents(), [
    '供电设备维修类',
    '供水设备维修类',
    '家庭物品维修类',
    '家政服务类',
    '绿化服务类',
    '打字复印类',
  ]);
  const tap = schedule.locator('.fee__item', { hasText: '水龙头更换' }).first();
  assert.equal(await tap.locator('.fee__price').textContent(), '¥20.00/个');
  assert.ok(await tap.getByText('材料另计', { exact: true }).isVisible());
  assert.ok(
    await schedule.locator('.fee__item', { hasText: '马桶疏通' }).getByText('上门费', { exact: true }).isVisible(),
  );
  await shot('h5-fee-01-schedule.png');
  await fullShot('h5-fee-02-schedule-full.png');
});

test('a category tab narrows the list', async () => {
  const page = h5.page;
  const schedule = schedulePage();
  await schedule.locator('.fee__tab', { hasText: '供水设备维修类' }).click();
  await schedule.locator('.fee__category-name', { hasText: '供水设备维修类' }).waitFor();
  assert.deepEqual(await schedule.locator('.fee__category-name').allTextContents(), ['供水设备维修类']);
  assert.equal(await schedule.locator('.fee__item').count(), 12);
  await shot('h5-fee-03-tab.png');
  await schedule.locator('.fee__tab', { hasText: '全部' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.taro_page_stationed .fee__item').length === 46);
});

test('searching 疏通 shows 马桶疏通 and 地漏/面盆/水槽疏通 only; a search with no match says so', async () => {
  const page = h5.page;
  const schedule = schedulePage();
  await schedule.locator('.fee__search input').fill('疏通');
  await schedule.getByText('找到 2 个项目').waitFor();
  assert.deepEqual(await itemNames(schedule), ['马桶疏通', '地漏/面盆/水槽疏通']);
  await shot('h5-fee-04-search.png');

  await schedule.locator('.fee__search input').fill('钢琴调音');
  await schedule.getByText('没有找到与「钢琴调音」相关的服务项目').waitFor();
  await shot('h5-fee-05-search-empty.png');
  await schedule.getByText('查看全部项目', { exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('.taro_page_stationed .fee__item').length === 46);
  assert.equal(await schedule.locator('.fee__search input').inputValue(), '');
});

test("an item's detail: price, standard, materials rule, call-out fee and the signed-agreement note", async () => {
  const page = h5.page;
  await schedulePage().locator('.fee__item', { hasText: '马桶疏通' }).click();
  const detail = shown('服务标准');
  await detail.waitFor();
  assert.match(page.url(), /#\/packages\/resident\/pages\/fee-item\/index\?id=\d+/);
  const text = await detail.textContent();
  assert.match(text, /马桶疏通/);
  assert.match(text, /¥50\.00\/次/);
  assert.match(text, /机械疏通，不损伤洁具，试冲畅通/);
  assert.match(text, /维修费用 = 维修费 \+ 材料费/);
  assert.match(text, /业主自备材料只收维修费；物业代购材料按仓库采购价，经您同意后购买/);
  assert.match(text, /本项目上门费 ¥10\.00/);
  assert.match(text, /每一笔费用都需您先在报价单上签字同意/);
  await fullShot('h5-fee-06-item.png');
  assert.ok(
    publicAuth.length >= 4 && publicAuth.every((auth) => auth === null),
    'public routes are read without a token',
  );
});

test('a guest on the home page finds 收费标准 too', async () => {
  const page = h5.page;
  await page.goto(`${h5.origin}/h5/#/pages/index/index`);
  await page.reload(); // a hash change slides the page in over the detail; a fresh load shows the home page alone
  await shown('欢迎使用物业服务').getByText('收费标准', { exact: true }).waitFor();
  await shot('h5-fee-07-home-guest.png');
});

test("张伟 signs in and opens 收费标准 from the home page: his project's schedule", async () => {
  const page = h5.page;
  await page.goto(`${h5.origin}/h5/#/pages/mine/index`);
  await shown('演示账号').locator('.login-panel__demo', { hasText: '张伟' }).click();
  const home = shown('您好，张伟');
  await home.waitFor();
  await home.locator('.home__fee').waitFor();
  await shot('h5-fee-08-home-resident.png');
  await home.locator('.home__fee').click();
  const schedule = schedulePage();
  await schedule.locator('.fee__item').first().waitFor();
  assert.match(page.url(), /#\/packages\/resident\/pages\/fee-schedule\/index\?projectId=\d+/);
  assert.equal(await schedule.locator('.fee__item').count(), 46);
  await shot('h5-fee-09-resident-schedule.png');
});

test('a service item reads 服务费 and 预约此项 opens the form pre-filled with that item', async () => {
  await schedulePage().locator('.fee__item', { hasText: '日常保洁' }).click();
  const detail = shown('服务标准');
  await detail.getByText('服务费', { exact: true }).waitFor();
  assert.equal(await detail.getByText('维修费（人工费）').count(), 0, '日常保洁 is not labelled 维修费');
  await fullShot('h5-fee-10-service-item.png');
  await detail.getByText('预约此项', { exact: true }).click();
  const form = shown('预约项目');
  await form.locator('.report__item-name', { hasText: '日常保洁' }).waitFor();
  // The item fixes the category (shown, not offered) and the place: a booking, not a repair to re-categorise.
  assert.ok(
    await form.locator('.report__item-category', { hasText: '家政服务类' }).isVisible(),
    "the category is the item's",
  );
  assert.equal(await form.locator('.report__segment', { hasText: '公共区域' }).count(), 0, 'no scope to choose');
  assert.ok(await form.getByText('提交预约', { exact: true }).isVisible(), 'submitted as a booking');
  await fullShot('h5-fee-11-book-service.png');
});

test('no page errors and no failed static file', () => {
  assert.deepEqual(h5.pageErrors, []);
});

test('the H5 page links an icon that loads (a favicon 404 on every page was reported)', async () => {
  const html = await (await fetch(`${h5.origin}/h5/`)).text();
  const href = /<link rel="icon"[^>]*href="([^"]+)"/.exec(html)?.[1];
  assert.ok(href, 'index.html links an icon');
  const res = await fetch(new URL(href, `${h5.origin}/h5/`));
  assert.equal(res.status, 200, `${href} loads`);
  assert.match(res.headers.get('content-type') ?? '', /^image\//);
});
