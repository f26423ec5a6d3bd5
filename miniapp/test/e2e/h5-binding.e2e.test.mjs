// 房屋认证 in the H5 build: 陈静, with no house yet, applies for a room as 业主 (validation, duplicate refused);
// 张伟, a verified owner, approves 李娜's 家庭成员 request. Real server (E2E_BASE_URL) or the stub's same demo story.
// Screenshots h5-01…h5-10 in $E2E_ARTIFACTS_DIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, apiAs, fullShot, h5, setupH5, shown, signInAs, storedSession } from './h5-harness.mjs';

/** A room in 阳光花园 2栋1单元 that 陈静 applies for (the demo seed leaves it unbound). */
const ROOM = '1202';

setupH5();

async function pickHouse(apply, building, unit, room, shotName) {
  const options = apply.locator('.house-picker__options');
  await options.getByText('阳光花园', { exact: true }).click();
  await options.getByText(building, { exact: true }).click();
  await options.getByText(unit, { exact: true }).click();
  await options.getByText(room, { exact: true }).waitFor();
  if (shotName) await fullShot(shotName);
  await options.getByText(room, { exact: true }).click();
  await apply.getByText(`已选：阳光花园 ${building}${unit}${room}`).waitFor();
}

test('陈静, with no house yet, applies for 阳光花园 2栋1单元 as 业主 and sees it 待审核 in 我的房屋', async () => {
  const page = h5.page;
  await signInAs('陈静');
  await shown('您好').getByText('我的房屋', { exact: true }).click();
  const empty = shown('绑定您的房屋并通过审核后');
  await empty.waitFor();
  assert.match(page.url(), /#\/packages\/resident\/pages\/houses\/index/);
  await fullShot('h5-01-houses-empty.png');

  await empty.getByText('申请绑定房屋', { exact: true }).click();
  const apply = shown('选择房屋');
  await apply.waitFor();
  assert.match(page.url(), /#\/packages\/resident\/pages\/apply\/index/);
  assert.ok(await apply.getByText(/个人信息保护法/).isVisible(), 'privacy note on why the phone is asked');
  await apply.getByText('提交申请', { exact: true }).click();
  for (const message of ['请选择房屋（小区、楼栋、单元、房号）', '请选择与房屋的关系', '请填写姓名', '请填写手机号']) {
    assert.ok(await apply.getByText(message, { exact: true }).isVisible(), message);
  }
  await fullShot('h5-02-apply-validation.png');

  await pickHouse(apply, '2栋', '1单元', ROOM, 'h5-03-apply-rooms.png');
  await apply.locator('.apply__relation', { hasText: '业主' }).click();
  await apply.locator('input[placeholder="请填写真实姓名"]').fill('陈静');
  await apply.locator('input[placeholder="11 位手机号"]').fill('1380000');
  await apply.getByText('提交申请', { exact: true }).click();
  assert.ok(await apply.getByText('请填写有效的 11 位手机号', { exact: true }).isVisible());
  await apply.locator('input[placeholder="11 位手机号"]').fill('13800001006');
  assert.equal(await apply.locator('.field-error').count(), 0, 'editing clears the messages');
  await fullShot('h5-04-apply-filled.png');

  await apply.getByText('提交申请', { exact: true }).click();
  const houses = shown('我的申请');
  await houses.waitFor();
  const application = houses.locator('.houses__application', { hasText: `阳光花园 2栋1单元${ROOM}` });
  assert.equal(await application.locator('.status-tag').textContent(), '待审核');
  assert.match(await application.textContent(), /业主/);
  assert.ok(await houses.getByText(/暂无已认证的房屋/).isVisible());
  await fullShot('h5-05-houses-pending.png');

  const mine = await apiAs((await storedSession()).accessToken, 'GET', '/api/bindings/mine');
  assert.deepEqual(
    mine.body.map((b) => [b.houseLabel, b.relation, b.status, b.name]),
    [[`2栋1单元${ROOM}`, 'owner', 'pending', '陈静']],
  );

  await houses.getByText('申请绑定房屋', { exact: true }).click();
  const again = shown('选择房屋');
  await again.waitFor();
  await pickHouse(again, '2栋', '1单元', ROOM);
  await again.locator('.apply__relation', { hasText: '业主' }).click();
  await again.locator('input[placeholder="请填写真实姓名"]').fill('陈静');
  await again.locator('input[placeholder="11 位手机号"]').fill('13800001006');
  await again.getByText('提交申请', { exact: true }).click();
  await again.getByText('您已提交过该房屋的申请', { exact: true }).waitFor();
  await fullShot('h5-06-apply-duplicate.png');
  await again.getByText('查看我的申请', { exact: true }).click();
  await shown('我的申请').waitFor();
});

test('张伟, verified owner of 3栋1单元1201, approves 李娜 in 家庭成员申请', async () => {
  const page = h5.page;
  await signInAs('张伟');
  await shown('您好').getByText('我的房屋', { exact: true }).click();
  const houses = shown('家庭成员申请');
  await houses.waitFor();
  assert.match(await houses.locator('.list-item', { hasText: '阳光花园 3栋1单元1201' }).textContent(), /业主/);
  assert.ok(Number(await houses.locator('.houses__badge').textContent()) >= 1, 'pending family requests are counted');
  await fullShot('h5-07-houses-owner.png');

  await houses.locator('.houses__family').click();
  const family = shown('李娜');
  await family.waitFor();
  assert.match(page.url(), /#\/packages\/resident\/pages\/family-requests\/index/);
  const request = family.locator('.family__request', { hasText: '李娜' });
  assert.match(await request.textContent(), /3栋1单元1201/);
  assert.match(await request.textContent(), /家庭成员/);
  assert.match(await request.textContent(), /138\*{4}1002/);
  await fullShot('h5-08-family-requests.png');

  await request.getByText('通过', { exact: true }).click();
  const modal = page.locator('.taro__modal');
  await modal.getByText(/李娜/).waitFor();
  await page.waitForTimeout(400); // the modal fades in
  await fullShot('h5-09-family-confirm.png');
  await modal.locator('.taro-modal__foot').getByText('通过', { exact: true }).click();
  await shown('暂无待处理的申请').waitFor();
  await page.waitForTimeout(500); // the confirmation fades out; the 已通过 toast stays in the shot
  assert.equal(await page.locator('.taro_page_stationed .family__request', { hasText: '李娜' }).count(), 0);
  await fullShot('h5-10-family-approved.png');

  const { accounts } = (await api('GET', '/api/auth/demo/accounts')).body;
  const lina = (await api('POST', '/api/auth/demo/login', { userId: accounts.find((a) => a.name === '李娜').userId }))
    .body;
  const me = await apiAs(lina.accessToken, 'GET', '/api/me');
  assert.ok(
    me.body.houses.some((h) => h.label.endsWith('3栋1单元1201') && h.relation === 'family'),
    JSON.stringify(me.body.houses),
  );
  await api('POST', '/api/auth/logout', { refreshToken: lina.refreshToken });
});

test('no page errors', () => {
  assert.deepEqual(h5.pageErrors, []);
});
