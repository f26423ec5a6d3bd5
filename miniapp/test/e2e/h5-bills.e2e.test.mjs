// 账单 in the H5 build, in Debian's Chromium: 张伟 sees his bill due on the home page, opens the 账单 tab, reads the
// bill's sections and follows its paid-service line to the request with the quote he signed; then applies for a
// 空置房 discount. With E2E_BASE_URL (real-server mode) the journey starts its own server from the same build on a freshly
// seeded DATA_DIR — a published run bills the project's open charges, which other journeys on the shared server need
// open — and publishes 阳光花园's current month through the staff API (bills-seed.mjs): the run bills 张伟's seeded,
// verified 水龙头 repair. Without it, against test/e2e/stub-server.mjs (+ stub-bills.mjs, a fuller bill: discount,
// late fees, arrears).
// Screenshots: $E2E_ARTIFACTS_DIR/h5-bills-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publishDemoBills } from './bills-seed.mjs';
import { fullShot, h5, setupH5, shot, shown } from './h5-harness.mjs';

const REAL = Boolean(process.env.E2E_BASE_URL);

/** What the journey expects to find: the published bill (real server) or the stub's November bill. */
let expected;

setupH5({
  ownServer: REAL,
  failedStatic: true,
  timezoneId: 'Asia/Shanghai',
  ready: async () => {
    expected = REAL
      ? await publishDemoBills(h5.origin)
      : {
          period: '2026-11',
          monthTitle: '2026年11月',
          totalText: '¥267.80',
          dueText: '¥267.80',
          chargeSerial: 'YGHY-261108-0003',
          quoteTotalText: '¥65.00',
          arrearsText: '¥198.00',
        };
  },
});

test('张伟 signs in and the home page shows the bill due, with its month and amount', async () => {
  const page = h5.page;
  await page.goto(`${h5.origin}/h5/#/pages/mine/index`);
  await shown('演示账号').locator('.login-panel__demo', { hasText: '张伟' }).click();
  const home = shown('您好，张伟');
  await home.waitFor();
  const card = home.locator('.bill-due');
  await card.waitFor();
  assert.match(await card.textContent(), new RegExp(`${expected.monthTitle}物业账单待缴`));
  assert.ok(await card.getByText(expected.dueText, { exact: true }).isVisible(), `home card shows ${expected.dueText}`);
  await shot('h5-bills-01-home-card.png');
});

test('the 账单 tab lists his bills by month with pay state and amount', async () => {
  const page = h5.page;
  await page.locator('.weui-tabbar__item', { hasText: '账单' }).click();
  const list = shown('空置房申请');
  await list.locator('.bills__item').first().waitFor();
  assert.match(page.url(), /#\/pages\/bills\/index/);
  const first = list.locator('.bills__item').first();
  assert.equal(await first.locator('.bills__period').textContent(), expected.monthTitle);
  assert.equal(await first.locator('.pay-tag').textContent(), '待缴');
  assert.equal(await first.locator('.bills__total').textContent(), expected.totalText);
  if (expected.arrearsText) {
    // Earlier months owed are announced apart, not added to this month.
    assert.match(
      await list.locator('.bills__arrears').textContent(),
      new RegExp(`往期欠费 ${expected.arrearsText.replace('$', '\\$')}`),
    );
  }
  if (!REAL)
    assert.deepEqual(await list.locator('.bills__item .pay-tag').allTextContents(), ['待缴', '待缴', '已缴清']);
  await fullShot('h5-bills-02-tab.png');
});

test('the bill shows its lines in sections, sums them, and offers 去缴费 for the amount due beside the service centre', async () => {
  const page = h5.page;
  await shown('空置房申请').locator('.bills__item').first().click();
  const bill = shown('费用明细');
  await bill.waitFor();
  assert.match(page.url(), /#\/packages\/bills\/pages\/bill\/index\?id=\d+/);
  const sections = await bill.locator('.bill__group-title').allTextContents();
  assert.equal(sections[0], '物业服务费');
  assert.ok(sections.includes('特约服务'), `a 特约服务 section: ${sections}`);
  assert.equal(await bill.locator('.bill__sum-amount').first().textContent(), expected.totalText);
  // Σ of the sections' subtotals is the total on screen.
  const subtotals = (await bill.locator('.bill__group-sum').allTextContents()).map((t) =>
    Math.round(Number(t.replace(/[¥,]/g, '')) * 100),
  );
  assert.equal(
    subtotals.reduce((a, b) => a + b, 0),
    Math.round(Number(expected.totalText.replace(/[¥,]/g, '')) * 100),
  );
  if (!REAL) {
    const discount = bill.locator('.bill__line', { hasText: '空置房优惠' });
    assert.equal(await discount.locator('.bill__line-amount--negative').textContent(), '-¥63.10');
    assert.ok(await bill.locator('.bill__line', { hasText: '2026年9月账单' }).getByText('已减免').isVisible());
    assert.ok(await bill.locator('.bill__arrears').getByText('未计入本期合计', { exact: false }).isVisible());
  }
  // Paying is h5-pay.e2e.test.mjs's journey (real server + WeChat Pay stand-in); here the offer and its amount.
  const pay = bill.locator('.bill-pay');
  assert.equal(await pay.locator('.bill-pay__amount').textContent(), expected.dueText);
  assert.match(await pay.textContent(), /也可到物业服务中心缴纳/);
  assert.equal(await pay.locator('.bill-pay__btn').textContent(), `去缴费 ${expected.dueText}`);
  await shot('h5-bills-03-bill-top.png');
  await fullShot('h5-bills-04-bill-full.png');
});

test('the paid-service line opens the request with the quote he signed', async () => {
  const page = h5.page;
  const bill = shown('费用明细');
  const charge = bill.locator('.bill__line--link').first();
  assert.ok(
    await charge.getByText(`工单 ${expected.chargeSerial}`).isVisible(),
    `the line names its request ${expected.chargeSerial}`,
  );
  await charge.getByText('查看报价与签字 ›').click();
  const ticket = shown('签字记录');
  await ticket.waitFor();
  assert.match(page.url(), /#\/packages\/resident\/pages\/ticket\/index\?id=\d+/);
  assert.ok(await ticket.getByText(expected.chargeSerial).first().isVisible());
  assert.ok(
    await ticket.getByText(expected.quoteTotalText).first().isVisible(),
    `the quote total ${expected.quoteTotalText}`,
  );
  assert.ok(await ticket.locator('.detail__sig', { hasText: '张伟' }).first().isVisible(), 'his signature is listed');
  await fullShot('h5-bills-05-signed-quote.png');
  await page.goBack();
  await shown('费用明细').waitFor();
});

test('from the bill he applies for a 空置房 discount and sees it 待审批', async () => {
  const page = h5.page;
  await shown('费用明细').getByText('房屋空置？申请空置房优惠').click();
  const form = shown('申请空置房优惠');
  await form.waitFor();
  await form.locator('.vacancy__submit').click();
  await form.getByText('请填写空置原因').waitFor();
  await form.locator('textarea').fill('年底去外地照顾老人，房屋整月无人居住');
  await shot('h5-bills-06-vacancy-form.png');
  await form.locator('.vacancy__submit').click();
  const mine = form.locator('.vacancy__app', { hasText: '年底去外地照顾老人' });
  await mine.waitFor();
  assert.equal(await mine.locator('.vacancy__status').textContent(), '待审批');
  // The 申请已提交 toast lasts 1.5 s; the shot shows the list, not the toast.
  await page.waitForTimeout(1800);
  await fullShot('h5-bills-07-vacancy-list.png');
  assert.deepEqual(h5.pageErrors, []);
});
