// 缴费 in the H5 build, in Debian's Chromium, against the real server and the WeChat Pay stand-in (issue 10): 张伟 opens
// his published bill, taps 去缴费, pays on the stand-in's cashier page (the H5 demo's stand-in for wx.requestPayment,
// docs/wechat-pay.md "How the H5 demo pays"), comes back to the result page, which waits for the SERVER to say paid
// (the stand-in's notify, verified by the server) and shows the receipt number; he opens the receipt, sees the bill
// 已缴清 and the payment under 我的 → 缴费记录.
// Like h5-bills, the journey starts its OWN server from server/dist on a freshly seeded DATA_DIR (bills-seed.mjs) — in
// development mode, so WeChat Pay runs against the in-process stand-in — and publishes the month's run through the
// staff API. It runs when E2E_BASE_URL is set (as scripts/test.mjs does) or with E2E_OWN_SERVER=1; the stub server has
// no payments, and faking one would test the fake. Screenshots: $E2E_ARTIFACTS_DIR/h5-pay-*.png (default
// artifacts/screenshots at the repository root).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishDemoBills, yuan } from './bills-seed.mjs';
import { fullShot, h5, setupH5, shot, shown } from './h5-harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const skip =
  process.env.E2E_BASE_URL || process.env.E2E_OWN_SERVER
    ? false
    : 'needs the real server build (E2E_BASE_URL or E2E_OWN_SERVER=1); the stub has no payments';

let expected;

setupH5({
  skip,
  ownServer: true,
  failedStatic: true,
  timezoneId: 'Asia/Shanghai',
  artifacts: process.env.E2E_ARTIFACTS_DIR ?? path.resolve(here, '..', '..', '..', 'artifacts', 'screenshots'),
  ready: async () => {
    expected = await publishDemoBills(h5.origin);
  },
});

test('张伟 opens his published bill and sees what is due with 去缴费', { skip }, async () => {
  const page = h5.page;
  await page.goto(`${h5.origin}/h5/#/pages/mine/index`);
  await shown('演示账号').locator('.login-panel__demo', { hasText: '张伟' }).click();
  await shown('您好，张伟').waitFor();
  await page.locator('.weui-tabbar__item', { hasText: '账单' }).click();
  const list = shown('空置房申请');
  await list.locator('.bills__item').first().waitFor();
  // 一键缴清 lists every open item of the house, oldest first.
  const all = list.locator('.pay-all');
  await all.waitFor();
  assert.match(await all.textContent(), /一键缴清/);
  await fullShot('h5-pay-01-bills-tab.png');
  await list.locator('.bills__item', { hasText: expected.monthTitle }).first().click();
  const bill = shown('费用明细');
  await bill.locator('.bill-pay').waitFor();
  assert.equal(await bill.locator('.bill-pay__amount').textContent(), expected.dueText);
  // Line choice: every positive line ticked first, then one unticked → the total follows.
  if (await bill.getByText('选择项目缴费').count()) {
    await bill.getByText('选择项目缴费').click();
    const checks = bill.locator('.bill__check');
    assert.ok((await checks.count()) >= 2, 'lines can be ticked');
    await bill.locator('.bill__line--choice').first().click();
    assert.notEqual(await bill.locator('.bill-pay__amount').textContent(), expected.dueText);
    await fullShot('h5-pay-02-choose-lines.png');
    await bill.getByText('整单缴费').click();
  }
  assert.equal(await bill.locator('.bill-pay__btn').textContent(), `去缴费 ${expected.dueText}`);
});

test(
  '去缴费 opens the WeChat Pay stand-in cashier with the amount; 确认支付 comes back to the result page',
  { skip },
  async () => {
    const page = h5.page;
    const bill = shown('费用明细');
    await bill.locator('.bill-pay__btn').click();
    await page.waitForURL(/__standin\/cashier/);
    assert.equal(await page.getByTestId('amount').textContent(), expected.dueText);
    await shot('h5-pay-03-cashier.png');
    await page.getByText('确认支付').click();
    await page.waitForURL(/#\/packages\/pay\/pages\/result\/index\?orderId=\d+/);
  },
);

test('the result page waits for the server and shows 支付成功 with the receipt number', { skip }, async () => {
  const page = h5.page;
  const result = shown('支付成功');
  await result.waitFor({ timeout: 40_000 });
  assert.equal(await result.locator('.pay-result__amount').textContent(), expected.dueText);
  const receiptNo = (await result.locator('.pay-result__receipt-no').textContent()).trim();
  assert.match(receiptNo, /\d{4}/, `a receipt number: ${receiptNo}`);
  expected.receiptNo = receiptNo;
  // What the page shows is what the server says.
  const orderId = Number(new URL(page.url().replace('#', '')).searchParams.get('orderId'));
  // Taro's H5 storage keeps { data: value } under the key.
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('app.session') ?? '{}').data?.accessToken);
  const order = await (
    await fetch(`${h5.origin}/api/payments/mine/orders/${orderId}`, { headers: { Authorization: `Bearer ${token}` } })
  ).json();
  assert.equal(order.status, 'paid');
  assert.equal(order.receiptNo, receiptNo);
  assert.equal(yuan(order.amountFen), expected.dueText);
  await shot('h5-pay-04-result.png');
});

test('查看收据 shows the receipt with the bill and 微信支付', { skip }, async () => {
  await shown('支付成功').getByText('查看收据').click();
  const receipt = shown('缴费项目');
  await receipt.waitFor();
  assert.match(await receipt.textContent(), new RegExp(`No\\. ${expected.receiptNo}`));
  assert.match(await receipt.textContent(), /微信支付/);
  assert.equal(await receipt.locator('.receipt__total').textContent(), expected.dueText);
  await fullShot('h5-pay-05-receipt.png');
});

test('the bill is 已缴清 on the 账单 tab, and 我的 → 缴费记录 lists the payment', { skip }, async () => {
  const page = h5.page;
  await page.goto(`${h5.origin}/h5/#/pages/bills/index`);
  const list = shown('空置房申请');
  const item = list.locator('.bills__item', { hasText: expected.monthTitle }).first();
  await item.waitFor();
  assert.equal(await item.locator('.pay-tag').textContent(), '已缴清');
  await fullShot('h5-pay-06-bills-paid.png');
  await page.goto(`${h5.origin}/h5/#/packages/pay/pages/payments/index`);
  const row = page.locator('.payments__item').first();
  await row.waitFor();
  assert.match(
    await row.textContent(),
    new RegExp(`${expected.dueText.replace('$', '\\$')}.*微信支付.*已入账.*${expected.receiptNo}`),
  );
  await fullShot('h5-pay-07-payments.png');
  assert.deepEqual(h5.pageErrors, []);
});
