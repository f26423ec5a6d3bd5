// 验收 in the H5 build against the REAL server only (E2E_BASE_URL; the stub has no ticket lifecycle): 刘洋 rates and
// signs acceptance of his finished (seeded) repair and sees 已验收. Screenshots: h5-ticket-10, h5-ticket-11.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, drawSignature, fullShot, h5, setupH5, shown, signInAs } from './h5-harness.mjs';

const skip = BASE ? false : 'needs the real server (E2E_BASE_URL); the stub has no tickets';

setupH5({ realOnly: true, timezoneId: 'Asia/Shanghai' });

test('刘洋 rates and signs acceptance of his finished repair and sees 已验收', { skip }, async () => {
  // A fresh browser: nobody is signed in yet.
  await signInAs('刘洋');
  await shown('您好，刘洋').getByText('我的工单', { exact: true }).click();
  const list = shown('完工待您验收');
  await list.waitFor();
  await list.locator('.tickets__item', { hasText: '完工待您验收' }).first().click();

  let detail = shown('验收并评价');
  await detail.getByText('验收并评价', { exact: true }).waitFor();
  await detail.getByText('验收并评价', { exact: true }).click();
  const sign = shown('验收评价');
  await sign.locator('.sign__rating').first().waitFor();
  // No rating is pre-filled: the resident chooses each one.
  await sign.locator('.sign__rating', { hasText: '综合' }).locator('.rating-stars__star').nth(4).click();
  await sign.locator('.sign__rating', { hasText: '准时' }).locator('.rating-stars__star').nth(3).click();
  await sign.locator('.sign__rating', { hasText: '态度' }).locator('.rating-stars__star').nth(4).click();
  await sign.locator('textarea').fill('师傅很专业，插座修好了');
  await sign.locator('.sig-pad__canvas').scrollIntoViewIfNeeded();
  await drawSignature(sign.locator('canvas.sig-pad__canvas'));
  await fullShot('h5-ticket-10-verify.png');
  await sign.getByText('确认签字', { exact: true }).click();

  detail = shown('我的评价');
  await detail.locator('.ticket-tag', { hasText: '已验收' }).waitFor({ timeout: 15000 });
  assert.equal(
    await detail.locator('.detail__row', { hasText: '准时' }).locator('.rating-stars__star--on').count(),
    4,
    '准时 is 4 lit stars',
  );
  assert.ok(
    await detail.getByText('插座背面接线松脱烧蚀，已更换五孔插座面板，通电测试正常。').isVisible(),
    'the 处理结果 note is shown',
  );
  assert.ok(await detail.getByText('师傅很专业，插座修好了').isVisible());
  assert.ok(await detail.getByText(/验收签字 · 刘洋/).isVisible());
  await fullShot('h5-ticket-11-verified.png');
  assert.deepEqual(h5.pageErrors, []);
});
