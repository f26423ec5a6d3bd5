// 投诉 and 催单 in the H5 build, in Debian's Chromium, against the REAL server only (E2E_BASE_URL): 王芳 (翠湖苑) urges her
// waiting 燃气灶 request (催一下), then files a complaint about it (投诉此单) with a photo and sees 待联系 with the contact
// deadline; the customer manager (cm2) contacts her and posts a result through the API; she disputes it with a reason,
// gets a second result and confirms it; 我的投诉 lists it 已完结. Screenshots: $E2E_ARTIFACTS_DIR/h5-complaint-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, call, fullShot, h5, setupH5, shown } from './h5-harness.mjs';

const skip = BASE ? false : 'needs the real server (E2E_BASE_URL): complaints and urges are real server state';
const COMPLAINT = '师傅上门两次都没修好，燃气灶还是打不着火，电话也不接';

setupH5({ realOnly: true, timezoneId: 'Asia/Shanghai' });

/** A photo of the stove, drawn in the page, written to a temp file for the file chooser. */
async function photoFile(name) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-photo-')), name);
  const base64 = await h5.page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 480;
    c.height = 360;
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#3d3d3d';
    ctx.fillRect(0, 0, 480, 360);
    ctx.fillStyle = '#f0a020';
    ctx.font = '48px sans-serif';
    ctx.fillText('燃气灶', 140, 190);
    return c.toDataURL('image/png').split(',')[1];
  });
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
}

test('王芳 urges her waiting request, then files a complaint about it with a photo', { skip }, async () => {
  const page = h5.page;
  await page.goto(`${BASE}/h5/#/pages/mine/index`);
  await shown('演示账号').locator('.login-panel__demo', { hasText: '王芳' }).click();
  await shown('您好，王芳').waitFor();
  await page.goto(`${BASE}/h5/#/packages/resident/pages/tickets/index`);
  const list = shown('燃气灶');
  await list.locator('.tickets__item', { hasText: '燃气灶' }).first().click();
  const detail = shown('投诉此单');
  await detail.waitFor();
  await detail.getByText('催一下', { exact: true }).click();
  await detail.getByText(/已催 1 次，.* 后可再催/).waitFor({ timeout: 15000 });
  // Taro's H5 button is a custom element: disabled is its attribute.
  assert.notEqual(
    await detail.locator('taro-button-core', { hasText: '催一下' }).getAttribute('disabled'),
    null,
    'no second urge within the hour',
  );
  await fullShot('h5-complaint-01-urged.png');

  await detail.getByText('投诉此单', { exact: true }).click();
  const form = shown('投诉类别');
  await form.waitFor();
  assert.ok(await form.getByText(/投诉工单 .*燃气灶/).isVisible(), 'the form names the request it is about');
  await form.getByText('提交投诉', { exact: true }).click();
  await form.getByText('请选择投诉类别').waitFor();
  await form.getByText('维修质量', { exact: true }).click();
  await form.locator('textarea').fill(COMPLAINT);
  const chooser = page.waitForEvent('filechooser');
  await form.getByText('添加照片', { exact: true }).click();
  await (await chooser).setFiles(await photoFile('stove.png'));
  await form.locator('.photo-uploader__img').first().waitFor();
  await form.locator('.photo-uploader__mask').waitFor({ state: 'detached', timeout: 15000 });
  await fullShot('h5-complaint-02-form.png');

  await form.getByText('提交投诉', { exact: true }).click();
  const created = shown('✓ 投诉已提交');
  await created.waitFor({ timeout: 15000 });
  assert.match(page.url(), /#\/packages\/resident\/pages\/complaint\/index\?id=\d+/);
  assert.ok(
    await created.locator('.cp__tag', { hasText: '待联系' }).isVisible(),
    'a new complaint waits for the first contact',
  );
  assert.ok(await created.getByText(/物业将在 .* 前与您联系（剩余/).isVisible(), 'the contact deadline is shown');
  assert.equal(await created.locator('.detail__photo').count(), 1, 'the photo is on the complaint');
  await fullShot('h5-complaint-03-created.png');
  assert.deepEqual(h5.pageErrors, []);
});

test('王芳 disputes the first result, confirms the second; 我的投诉 lists it 已完结', { skip }, async () => {
  const page = h5.page;
  const id = Number(new URL(page.url().replace('#', '')).searchParams.get('id'));
  assert.ok(id > 0);
  const cm = (await call('POST', '/api/auth/password/login', null, { login: 'cm2', password: 'Demo@2026' }))
    .accessToken;
  const { number } = await call('GET', `/api/complaints/${id}`, cm);
  await call('POST', `/api/complaints/${id}/contact`, cm, { note: '已电话联系王女士，约定明早上门查看' });
  await call('POST', `/api/complaints/${id}/resolve`, cm, {
    resolution: '已安排师傅更换点火针，并对未接电话致歉',
    cause: 'staff_fault',
  });

  await page.goto(`${BASE}/h5/#/packages/resident/pages/complaint/index?id=${id}`);
  const resolved = shown('处理结果');
  await resolved.locator('.cp__tag', { hasText: '待确认' }).waitFor({ timeout: 15000 });
  assert.equal(await resolved.locator('.cp__result').innerText(), '已安排师傅更换点火针，并对未接电话致歉');
  assert.ok(await resolved.getByText('处理人员已与您联系').isVisible(), 'the timeline shows the contact');
  await fullShot('h5-complaint-04-resolved.png');
  await resolved.getByText('有异议', { exact: true }).click();
  await resolved.locator('textarea').fill('更换后第二天又打不着火了，要求更换整个灶头');
  await resolved.getByText('提交异议', { exact: true }).click();
  await shown('处理结果').locator('.cp__tag', { hasText: '有异议' }).waitFor({ timeout: 15000 });
  await page.waitForTimeout(1800); // the toast fades
  await fullShot('h5-complaint-05-disputed.png');

  await call('POST', `/api/complaints/${id}/resolve`, cm, {
    resolution: '已免费更换整个灶头，经理上门回访',
    cause: 'staff_fault',
  });
  await page.goto(`${BASE}/h5/#/packages/resident/pages/complaint/index?id=${id}`);
  const again = shown('确认已解决');
  await again.locator('.cp__result', { hasText: '已免费更换整个灶头' }).waitFor();
  await again.getByText('确认已解决', { exact: true }).click();
  await shown('处理结果').locator('.cp__tag', { hasText: '已完结' }).waitFor({ timeout: 15000 });
  assert.equal(
    await shown('处理结果').getByText('确认已解决', { exact: true }).count(),
    0,
    'nothing to answer once closed',
  );

  // 我的 → 我的投诉
  await page.goto(`${BASE}/h5/#/pages/mine/index`);
  await shown('退出登录').getByText('我的投诉', { exact: true }).click();
  const mine = shown('我要投诉');
  await mine.locator('.cp__item', { hasText: number }).locator('.cp__tag', { hasText: '已完结' }).waitFor();
  await fullShot('h5-complaint-06-list.png');
  assert.deepEqual(h5.pageErrors, []);
});
