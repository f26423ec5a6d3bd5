// 收银台 journey (issue 10): cashier1 finds a house of 阳光花园 that owes two months by 楼栋/单元/房号, takes a
// split payment (cash for the older bill and part of the newer, a bank transfer with its reference for a bit
// more), gets the numbered receipt and prints it twice — the PDF the console fetched is read with pdftotext:
// the receipt number on both, 补打 only on the second. finance1 then approves the two offline tenders in
// 收款复核 and sees them in 交班汇总.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { api, apiSignIn, BASE, launch, menu, openPage, shot, signIn, skip, choose } from './harness.mjs';

const yuan = (fen) => (fen / 100).toFixed(2);
const money = (fen) =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Picks an option of an antd Select by its exact label. */
function pdfText(buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-journey-'));
  fs.writeFileSync(path.join(dir, 'r.pdf'), buffer);
  try {
    return execFileSync('pdftotext', [path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('cashier desk (browser)', () => {
  let browser;
  let house;
  let items;
  let collectedFen = 0;

  before(async () => {
    if (!BASE) return;
    browser = await launch();
    const token = await apiSignIn('cashier1');
    const project = (await api(token, 'GET', '/api/property/projects')).find((p) => p.name === '阳光花园');
    // The demo seed leaves every 10th house owing both published months: find one with two open bills.
    for (let page = 1; !house && page <= 10; page++) {
      const houses = (await api(token, 'GET', `/api/property/projects/${project.id}/houses?page=${page}&pageSize=200`))
        .items;
      for (const h of houses.filter((x) => x.id % 10 === 0)) {
        const payables = await api(token, 'GET', `/api/cashier/payables?houseId=${h.id}`);
        if (payables.items.length >= 2 && payables.items.every((i) => i.paidFen === 0 && i.balanceFen === i.totalFen)) {
          house = h;
          items = payables.items;
          break;
        }
      }
    }
    assert.ok(house, 'a house owing two months (fresh demo seed needed)');
  });
  after(async () => {
    await browser?.close();
  });

  it(
    'cashier1: split payment oldest first, numbered receipt, printed twice (the second marked 补打)',
    { skip },
    async () => {
      const { page, problems } = await openPage(browser.context);
      await signIn(page, 'cashier1');
      const sider = await page.locator('.ant-layout-sider .ant-menu').innerText();
      for (const item of ['收银台', '交班汇总', '收款记录', '退款']) assert.match(sider, new RegExp(item));
      assert.doesNotMatch(sider, /收款复核/, 'the cashier does not approve (a second person does)');

      await menu(page, '收银台');
      const desk = page.getByTestId('cashier-page');
      await desk.getByTestId('no-house').waitFor();
      // 按手机号: a malformed number is refused before the server is asked; an unknown one says to search by room.
      await desk.getByTestId('house-finder').getByRole('tab', { name: '按手机号' }).click();
      const phone = desk.getByTestId('finder-phone').locator('input');
      await phone.fill('1380000');
      await phone.press('Enter');
      await desk.getByText('请填写有效的 11 位手机号').waitFor();
      await phone.fill('13900007777');
      await phone.press('Enter');
      await desk.getByText('该号码在本项目没有已认证的房屋，请按房号查找').waitFor();
      await desk.getByTestId('house-finder').getByRole('tab', { name: '按房号' }).click();
      await choose(page, desk.getByTestId('finder-building'), house.buildingName, { exact: true });
      await choose(page, desk.getByTestId('finder-unit'), house.unitName, { exact: true });
      await desk.getByTestId('finder-room').click();
      await page.keyboard.type(house.roomNo);
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: new RegExp(`^${house.roomNo}$`) })
        .first()
        .click();
      const table = desk.getByTestId('payables');
      await table.getByText(items[0].title).waitFor();
      const rows = await table.locator('tbody tr').allInnerTexts();
      assert.equal(rows.length, items.length);
      assert.match(rows[0], new RegExp(items[0].title), 'the oldest bill is on top');
      await shot(page, 'cashier-desk-house');

      // Cash: all of the older bill and 10.00 of the newer; transfer: 5.50 more with its reference.
      const [older] = items;
      const cashFen = older.balanceFen + 1000;
      const transferFen = 550;
      const form = desk.getByTestId('collect-form');
      await form.getByTestId('tender-amount').first().fill(yuan(cashFen));
      await form.getByTestId('add-tender').click();
      await choose(page, form.getByTestId('tender-method').nth(1), '银行转账', { exact: true });
      await form.getByTestId('tender-amount').nth(1).fill(yuan(transferFen));
      await form.getByTestId('tender-reference').nth(1).fill('ICBC-20261201-0088');
      assert.match(
        await form.getByTestId('tendered-total').innerText(),
        new RegExp(money(cashFen + transferFen).replace(/[$.]/g, '\\$&')),
      );
      const preview = await table.getByTestId('apply-preview').allInnerTexts();
      assert.equal(preview[0], money(older.balanceFen), 'the older bill is paid in full first');
      assert.equal(preview[1], money(1000 + transferFen), 'the rest goes onto the newer bill');
      await shot(page, 'cashier-desk-split-tenders');

      const collected = page.waitForResponse(
        (r) => r.url().endsWith('/api/cashier/payments') && r.request().method() === 'POST',
      );
      await form.getByTestId('collect-submit').click();
      const answer = await (await collected).json();
      assert.equal(answer.payments.length, 2);
      assert.deepEqual(
        answer.payments.map((p) => p.status),
        ['pending_approval', 'pending_approval'],
      );
      const receipt = page.getByTestId('receipt');
      await receipt.waitFor();
      const number = (await receipt.getByTestId('receipt-number').innerText()).trim();
      assert.match(number, /^SJ-\d{4}-\d{6}$/);
      assert.equal(number, answer.receipt.number);
      collectedFen = answer.receipt.totalFen;
      assert.match(await receipt.innerText(), /须由第二人在「收款复核」中复核/);
      await shot(page, 'cashier-receipt');

      // 打印收据 opens the PDF; the bytes the console fetched (passed through unchanged) are what a person prints.
      const printed = [];
      await page.route(/\/api\/payments\/receipts\/\d+\/pdf$/, async (route) => {
        const response = await route.fetch();
        const body = await response.body();
        printed.push({ status: response.status(), body });
        await route.fulfill({ response, body });
      });
      const print = async () => {
        const before = printed.length;
        const popup = page
          .context()
          .waitForEvent('page', { timeout: 5_000 })
          .catch(() => null);
        await receipt.getByTestId('print-receipt').click();
        for (let i = 0; printed.length === before && i < 100; i++) await page.waitForTimeout(100);
        const opened = await popup;
        await opened?.close();
        const { status, body } = printed[before];
        assert.equal(status, 200);
        return pdfText(body);
      };
      const first = await print();
      assert.match(first, new RegExp(number));
      assert.doesNotMatch(first, /补打/);
      await receipt.getByRole('button', { name: /补打收据/ }).waitFor();
      const second = await print();
      assert.match(second, new RegExp(number));
      assert.match(second, /补打/);
      assert.match(second, /第 2 次打印/);
      await page.keyboard.press('Escape');
      // Pending tenders reserve their amount: the older bill has nothing left to pay until they are approved.
      const olderRow = table.locator('tbody tr').filter({ hasText: older.title });
      await olderRow.getByTestId('pending-note').waitFor();
      assert.match(
        await olderRow.innerText(),
        new RegExp(`待复核 ${money(older.balanceFen).replace(/[$.]/g, '\\$&')}`),
      );
      await shot(page, 'cashier-desk-after');
      assert.deepEqual(problems, []);
    },
  );

  it('finance1: approves the two offline tenders in 收款复核; 交班汇总 shows them', { skip }, async () => {
    const { page, problems } = await openPage(browser.context);
    await signIn(page, 'finance1');
    await menu(page, '收款复核');
    const approvals = page.getByTestId('approvals-page');
    const row = (text) => approvals.locator('tbody tr').filter({ hasText: text });
    await row('ICBC-20261201-0088').waitFor();
    await shot(page, 'cashier-approvals');
    for (const text of ['ICBC-20261201-0088', house.label]) {
      const target = row(text).first();
      await target.getByTestId('approve-payment').click();
      await target.waitFor({ state: 'detached' });
    }
    await menu(page, '交班汇总');
    const handover = page.getByTestId('handover-page');
    const cashier = handover.locator('tbody tr').filter({ hasText: '冯小燕' });
    await cashier.waitFor();
    // Only this journey takes money at the desk of the demo: cashier1's day is exactly that receipt.
    const text = await cashier.innerText();
    assert.match(text, new RegExp(`${money(collectedFen).replace(/[$.]/g, '\\$&')}`));
    assert.match(await handover.locator('thead').innerText(), /现金[\s\S]*银行转账/);
    assert.match(text, /1 张/);
    await shot(page, 'cashier-handover');
    assert.deepEqual(problems, []);
  });
});
