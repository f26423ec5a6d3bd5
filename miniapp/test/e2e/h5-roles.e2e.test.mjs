// Every page each mini-program role has, walked on a phone viewport and photographed (issue 12): 张伟 (a
// verified owner), 赵磊 (his house application still under review) and 王师傅 (a technician). Read-only: nothing is
// submitted or signed, so the other journeys on the same server find the demo data as seeded.
// Each visit waits until the page has loaded, then checks: no page error, no failed API call, no English
// leaking into the text, no text cut off by its box. Screenshots: $E2E_ARTIFACTS_DIR/roles/h5-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, BASE, api, apiAs, h5, setupH5 } from './h5-harness.mjs';

const shots = path.join(ARTIFACTS, 'roles');
const skip = BASE ? false : 'needs the real server and its demo data (E2E_BASE_URL)';

let page;
const problems = [];
let inFlight = 0;

/** Latin words a resident may legitimately see: ticket serials (YGHY-…), units and brands in the seeded fee schedule. */
const ALLOWED_LATIN = /^(YGHY|CHY|PPR|PVC|LED|USB|cm|mm|kg|m²)$/i;

/** Tab pages stay in the document, hidden: the page on screen is the last one displayed. */
const current = () => page.locator('.taro_page_stationed:visible').last();
/** The same, inside the page. */
const onScreen = () =>
  page.evaluateHandle(() =>
    [...document.querySelectorAll('.taro_page_stationed')].filter((el) => el.checkVisibility()).pop(),
  );

/** Waits until no API call is in flight for a moment and the page shows more than 加载中…. */
async function settle() {
  for (let quiet = 0; quiet < 3;) {
    await page.waitForTimeout(120);
    quiet = inFlight === 0 ? quiet + 1 : 0;
  }
  await page.waitForFunction(() => {
    const el = [...document.querySelectorAll('.taro_page_stationed')].filter((e) => e.checkVisibility()).pop();
    return el && el.innerText.trim() !== '' && !el.innerText.includes('加载中…');
  });
  await page.waitForTimeout(250); // Taro slides the page in
}

/** What a person would call broken on the settled page: English words, and text clipped by its own box. */
async function inspect(name) {
  const found = await (
    await onScreen()
  ).evaluate((root) => {
    const bar = document.querySelector('#taro-navigation-bar.taro-navigation-bar-show .taro-navigation-bar-title');
    const text = `${root.innerText}\n${bar?.textContent ?? ''}`;
    const clipped = [];
    for (const el of [bar, ...root.querySelectorAll('*')]) {
      if (!el || el.children.length > 0 || !el.textContent.trim()) continue;
      const style = getComputedStyle(el);
      const hides = style.overflow === 'hidden' || style.textOverflow === 'ellipsis';
      if (hides && el.scrollWidth > el.clientWidth + 1 && style.whiteSpace === 'nowrap')
        clipped.push(el.textContent.trim());
    }
    const wide = root.scrollWidth > document.documentElement.clientWidth + 1;
    return { text, clipped, wide };
  });
  const latin = (found.text.match(/[A-Za-z][A-Za-z²]{2,}/g) ?? []).filter((w) => !ALLOWED_LATIN.test(w));
  if (latin.length) problems.push(`${name}: English on screen: ${[...new Set(latin)].join(', ')}`);
  if (found.clipped.length) problems.push(`${name}: text cut off: ${found.clipped.join(' | ')}`);
  if (found.wide) problems.push(`${name}: the page is wider than the phone`);
}

/** The whole page: the Taro page scrolls inside the viewport, so the viewport grows to the page's height for the shot. */
async function photograph(name) {
  await inspect(name);
  const size = page.viewportSize();
  const height = await (await onScreen()).evaluate((el) => el?.scrollHeight ?? 0);
  if (height > size.height) await page.setViewportSize({ width: size.width, height: Math.min(height, 4000) });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  await page.setViewportSize(size);
}

/** Opens a page by its address, as a link would, and photographs it settled. */
async function visit(route, name) {
  await page.goto(`${BASE}/h5/#${route}`);
  await settle();
  await photograph(name);
}

async function signInAs(name) {
  await page.goto(`${BASE}/h5/#/pages/mine/index`);
  await current()
    .getByText(/退出登录|演示账号/)
    .first()
    .waitFor();
  const signOut = current().getByText('退出登录', { exact: true });
  if (await signOut.count()) await signOut.click();
  await current().locator('.login-panel__demo', { hasText: name }).click();
  await page
    .locator('.taro_page_stationed', { hasText: `您好，${name}` })
    .last()
    .waitFor();
  await settle();
}

async function demoToken(name) {
  const { accounts } = (await api('GET', '/api/auth/demo/accounts')).body;
  return (await api('POST', '/api/auth/demo/login', { userId: accounts.find((a) => a.name === name).userId })).body
    .accessToken;
}

/** 赵磊 applies (by API) for a room nobody else uses in the journeys, unless an application of his is already pending. */
async function pendingApplication() {
  const token = await demoToken('赵磊');
  const mine = (await apiAs(token, 'GET', '/api/bindings/mine')).body;
  if (mine.some((b) => b.status === 'pending')) return;
  const project = (await apiAs(token, 'GET', '/api/directory/projects')).body.find((p) => p.name === '阳光花园');
  const building = (await apiAs(token, 'GET', `/api/directory/projects/${project.id}/buildings`)).body.find(
    (b) => b.name === '6栋',
  );
  const rooms = (await apiAs(token, 'GET', `/api/directory/units/${building.units[0].id}/houses`)).body;
  const applied = await apiAs(token, 'POST', '/api/bindings', {
    houseId: rooms.find((r) => r.roomNo === '1502').id,
    relation: 'tenant',
    name: '赵磊',
    phone: '13800001005',
  });
  assert.equal(applied.status, 201, JSON.stringify(applied.body));
}

setupH5({ realOnly: true, timezoneId: 'Asia/Shanghai', artifacts: shots, ready: watchPage });

/** Before the walk: 赵磊's pending application, and the tab's errors, failed API calls and calls in flight. */
async function watchPage() {
  page = h5.page;
  await pendingApplication();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (r) => {
    if (r.url().includes('/api/')) inFlight++;
  });
  const done = (r) => {
    if (r.url().includes('/api/')) inFlight = Math.max(0, inFlight - 1);
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400)
      problems.push(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
  });
}

test('张伟 (verified owner) walks every resident page', { skip }, async () => {
  await signInAs('张伟');
  await photograph('h5-resident-01-home');
  await visit('/pages/mine/index', 'h5-resident-02-mine');
  await visit('/packages/resident/pages/houses/index', 'h5-resident-03-houses');
  await visit('/packages/resident/pages/family-requests/index', 'h5-resident-04-family-requests');
  await visit('/packages/resident/pages/tickets/index', 'h5-resident-05-tickets');
  // The filters are chips on the page (a second link to the same page with another query shows the page in the stack).
  await current().locator('.tickets__filter', { hasText: '待我处理' }).click();
  await settle();
  await photograph('h5-resident-06-tickets-todo');

  // The ticket that waits for his signature, and its signature page (not signed here).
  const waiting = current()
    .locator('.tickets__item', { has: page.locator('.tickets__todo') })
    .first();
  if (await waiting.count()) {
    await waiting.click();
    await settle();
    await photograph('h5-resident-07-ticket-waiting');
    const id = new URL(page.url().replace('#', '')).searchParams.get('id');
    await visit(`/packages/resident/pages/sign/index?id=${id}&mode=agree`, 'h5-resident-08-sign');
  }

  await page.goto(`${BASE}/h5/#/packages/resident/pages/tickets/index`);
  await settle();
  await current().locator('.tickets__filter', { hasText: '已完成' }).click();
  await settle();
  await photograph('h5-resident-09-tickets-finished');
  const finished = current().locator('.tickets__item').first();
  if (await finished.count()) {
    await finished.click();
    await settle();
    await photograph('h5-resident-10-ticket-finished');
  }

  await visit('/packages/resident/pages/fee-schedule/index', 'h5-resident-11-fee-schedule');
  await current().locator('.fee__item', { hasText: '日常保洁' }).click();
  await settle();
  await photograph('h5-resident-12-fee-item-service');
  await current().getByText('预约此项', { exact: true }).click();
  await settle();
  // A booking of a schedule item is titled and submitted as a booking, not a repair.
  assert.equal(
    (await page.locator('#taro-navigation-bar .taro-navigation-bar-title').textContent()).trim(),
    '预约服务',
  );
  assert.ok(await current().getByText('提交预约', { exact: true }).isVisible());
  await photograph('h5-resident-13-book-service');

  await visit('/packages/resident/pages/report/index', 'h5-resident-14-report');
  await visit('/packages/resident/pages/ratings/index', 'h5-resident-15-ratings');
  await visit('/packages/resident/pages/settings/index', 'h5-resident-16-settings');
  await visit('/packages/resident/pages/apply/index', 'h5-resident-17-apply');
  assert.deepEqual(problems, []);
});

test('赵磊 (application under review) is told the review is in progress wherever he turns', { skip }, async () => {
  await signInAs('赵磊');
  await photograph('h5-pending-01-home');
  assert.match(await current().innerText(), /审核/);
  await visit('/pages/mine/index', 'h5-pending-02-mine');
  await visit('/packages/resident/pages/houses/index', 'h5-pending-03-houses');
  assert.ok(await current().locator('.status-tag', { hasText: '待审核' }).first().isVisible());
  await visit('/packages/resident/pages/report/index', 'h5-pending-04-report');
  assert.ok(await current().getByText('房屋认证审核中').isVisible(), '报修 says the review is in progress');
  await visit('/packages/resident/pages/tickets/index', 'h5-pending-05-tickets');
  await visit('/packages/resident/pages/fee-schedule/index', 'h5-pending-06-fee-schedule');
  await visit('/packages/resident/pages/ratings/index', 'h5-pending-07-ratings');
  await visit('/packages/resident/pages/settings/index', 'h5-pending-08-settings');
  assert.deepEqual(problems, []);
});

test('王师傅 (technician) walks his 工作台, job lists, a job and 我的', { skip }, async () => {
  await signInAs('王师傅');
  await photograph('h5-technician-01-home');
  await visit('/packages/technician/pages/home/index', 'h5-technician-02-workbench');
  const bar = (await page.locator('#taro-navigation-bar .taro-navigation-bar-title').textContent()).trim();
  assert.equal(bar, '师傅工作台');
  await visit('/packages/technician/pages/jobs/index?tab=mine', 'h5-technician-03-jobs-mine');
  const job = current().locator('.jobs__item').first();
  assert.ok(await job.count(), 'the demo technician has open jobs');
  await job.click();
  await settle();
  await photograph('h5-technician-04-job');
  await visit('/packages/technician/pages/jobs/index?tab=pool', 'h5-technician-05-jobs-pool');
  await visit('/packages/technician/pages/jobs/index?tab=done', 'h5-technician-06-jobs-done');
  await visit('/pages/mine/index', 'h5-technician-07-mine');
  await visit('/packages/resident/pages/settings/index', 'h5-technician-08-settings');
  // Staff accounts have a password: 设置 offers 修改密码 (the forced change is in h5.e2e.test.mjs).
  assert.ok(await current().getByText('修改密码', { exact: true }).isVisible(), '设置 offers 修改密码 to a technician');
  await visit('/packages/resident/pages/password/index', 'h5-technician-09-password');
  assert.deepEqual(problems, []);
});
