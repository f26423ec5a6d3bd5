// Charges journeys: cashier hand-over and counter sale, PM waiver budget, finance company settings.
// The demo seed posts ticket charges through verified tickets (cash held by tech1/tech4, open charges
// in 阳光花园) and two counter sales; the journeys require that data (run them on a freshly seeded server).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, apiSignIn, BASE, launch, menu, openPage, pick, shot, signIn, skip } from './harness.mjs';

const yuan = (fen) => `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('charges (browser)', () => {
  let browser;
  let projectId;

  before(async () => {
    if (!BASE) return;
    browser = await launch();
    const token = await apiSignIn('cashier1');
    projectId = (await api(token, 'GET', '/api/property/projects')).find((p) => p.name === '阳光花园').id;
  });
  after(async () => browser?.close());

  it('cashier1: outstanding cash hand-over and a 打字复印 counter sale in the ledger', { skip }, async () => {
    const { page, problems } = await openPage(browser.context);
    await signIn(page, 'cashier1');
    const sider = await page.locator('.ant-layout-sider .ant-menu').innerText();
    assert.match(sider, /现金待交款/);
    assert.match(sider, /前台收款/);
    assert.doesNotMatch(sider, /价目表管理|费用减免|公司设置/);

    await menu(page, '现金待交款');
    const cash = page.getByTestId('cash-page');
    const token = await apiSignIn('cashier1');
    const outstanding = await api(token, 'GET', `/api/cash/outstanding?projectId=${projectId}`);
    // The seeded demo leaves technicians' cash waiting for the cashier; wait for the loaded total, not the first render.
    assert.ok(outstanding.entries.length > 0, 'demo data has cash waiting for hand-over');
    await cash
      .getByTestId('cash-total')
      .filter({ hasText: yuan(outstanding.totalFen) })
      .waitFor();
    const group = cash.getByTestId('cash-group').first();
    const handed = page.waitForResponse((r) => r.url().endsWith('/api/cash/handovers'));
    await group.getByRole('button', { name: /确认交款/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确认交款/ })
      .click();
    assert.equal((await handed).status(), 201);
    await page.getByText(/已确认收到/).waitFor();
    await shot(page, 'cash');

    await menu(page, '前台收款');
    const counter = page.getByTestId('counter-page');
    const schedule = await api(null, 'GET', `/api/public/fee-schedule?projectId=${projectId}`);
    const copy = schedule.categories.find((c) => c.name.includes('打字复印')).items[0];
    const before = await api(
      token,
      'GET',
      `/api/counter-sales?projectId=${projectId}&date=${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())}`,
    );
    await counter.getByTestId('counter-ledger').getByTestId('ledger-summary').waitFor();

    await pick(page, counter.getByTestId('counter-item').first(), copy.name.slice(0, 4));
    await counter.getByLabel('数量').first().fill('12');
    // Scoped to the form: the ledger below already lists the demo's 微信 counter sale.
    await counter.getByTestId('counter-form').getByText('微信', { exact: true }).click();
    await counter.getByPlaceholder('可填房号或客户称呼').fill('7栋 E2E');
    const expected = copy.labourPriceFen * 12;
    assert.match(await counter.getByTestId('counter-estimate').innerText(), new RegExp(escape(yuan(expected))));
    const sold = page.waitForResponse((r) => r.url().endsWith('/api/counter-sales') && r.request().method() === 'POST');
    await counter.getByRole('button', { name: /确认收款/ }).click();
    const sale = await (await sold).json();
    assert.equal(sale.totalFen, expected, 'the server priced the sale like the on-screen estimate');
    assert.equal(sale.status, 'paid');
    await page.getByText(/已收款/).waitFor();
    const summary = counter.getByTestId('ledger-summary');
    await page.waitForFunction(
      ([n]) => document.querySelector('[data-testid="ledger-summary"]')?.textContent?.includes(`共 ${n} 笔`),
      [before.count + 1],
    );
    assert.match(await summary.innerText(), new RegExp(escape(yuan(before.totalFen + expected))));
    assert.match(
      await counter.getByTestId('counter-ledger').locator('tbody').innerText(),
      /7栋 E2E[\s\S]*微信|微信[\s\S]*7栋 E2E/,
    );
    await shot(page, 'counter-sales');

    assert.deepEqual(problems, [], 'no page errors or console errors');
    await page.close();
  });

  it('pm1: waiver budget as a progress bar and the open charges of the project', { skip }, async () => {
    const { page, problems } = await openPage(browser.context);
    await signIn(page, 'pm1');
    await menu(page, '费用减免');
    const waivers = page.getByTestId('waivers-page');
    const budget = await api(await apiSignIn('pm1'), 'GET', '/api/waivers/budget');
    // Wait for the loaded values, not the first render: the budget text and the table both fill in asynchronously.
    await waivers
      .getByTestId('budget-text')
      .filter({
        hasText: `已用 ${yuan(budget.usedFen)} / 上限 ${yuan(budget.capFen)}，剩余 ${yuan(budget.remainingFen)}`,
      })
      .waitFor();
    await waivers.locator('.ant-progress').waitFor();
    const rows = waivers.locator('[data-testid="open-charges"] tbody tr.ant-table-row');
    // The seeded demo has open ticket charges in 阳光花园; antd shows its empty placeholder while loading, so wait for rows.
    await rows.first().waitFor();
    // 工单号 stays on one line (issue 12, item 17): one line box for the serial, and the cell does not wrap.
    const serialCell = rows.first().locator('td.id-column');
    assert.deepEqual(
      await serialCell.evaluate((td) => ({
        whiteSpace: getComputedStyle(td).whiteSpace,
        lines: td.querySelector('.id-cell')?.getClientRects().length ?? 1,
      })),
      { whiteSpace: 'nowrap', lines: 1 },
    );
    await rows
      .first()
      .getByRole('button', { name: /免\s*收/ })
      .click();
    const modal = page.locator('.ant-modal').filter({ hasText: '免收原因' });
    await modal.getByRole('button', { name: /确认免收/ }).click();
    await modal.getByText('请填写免收原因').waitFor();
    await modal.getByLabel('免收原因').fill('返修工单，维修质量问题不再收费');
    const waived = page.waitForResponse((r) => /\/api\/charges\/\d+\/waive$/.test(r.url()));
    await modal.getByRole('button', { name: /确认免收/ }).click();
    const res = await waived;
    if (res.status() === 200) await page.getByText(/已免收/).waitFor();
    else assert.match(await modal.getByTestId('waive-error').innerText(), /免收额度/);
    await shot(page, 'waivers');
    assert.deepEqual(problems, [], 'no page errors or console errors');
    await page.close();
  });

  it(
    "cm1: a charge signed on the technician's phone shows 未确认 and the phone confirmation is recorded",
    { skip },
    async () => {
      const { page, problems } = await openPage(browser.context);
      await signIn(page, 'cm1');
      await menu(page, '费用台账');
      const charges = page.getByTestId('charges-page');
      const token = await apiSignIn('cm1');
      const unconfirmed = await api(token, 'GET', `/api/charges?projectId=${projectId}&confirmation=unconfirmed`);
      // The demo seed leaves the 油烟机清洗 charge (signed on 李师傅's phone) for the customer manager to confirm.
      assert.ok(unconfirmed.items.length > 0, 'demo data has an unconfirmed charge');
      const target = unconfirmed.items[0];
      const row = charges.locator('[data-testid="charges-table"] tbody tr.ant-table-row', {
        hasText: target.ticketSerial,
      });
      await row.getByTestId('charge-confirmation').filter({ hasText: '未确认' }).waitFor();
      await row.getByRole('button', { name: '记录电话确认' }).click();
      const modal = page.getByTestId('phone-confirm-modal');
      await modal.getByRole('button', { name: '确认已电话确认' }).click();
      await modal.getByText('请填写电话确认的情况（如通话时间、确认人）').waitFor();
      await modal.getByLabel('确认情况').fill('回访电话中业主本人确认油烟机清洗费用');
      const confirmed = page.waitForResponse((r) => r.url().endsWith(`/api/charges/${target.id}/phone-confirmation`));
      await modal.getByRole('button', { name: '确认已电话确认' }).click();
      assert.equal((await confirmed).status(), 200);
      await row.waitFor({ state: 'detached' });
      const after = await api(token, 'GET', `/api/charges/${target.id}`);
      assert.equal(after.confirmation, 'confirmed');
      assert.equal(after.confirmedVia, 'phone_by_customer_manager');
      await shot(page, 'charges-phone-confirmation');
      assert.deepEqual(problems, [], 'no page errors or console errors');
      await page.close();
    },
  );

  it('finance1: company settings in yuan, stored in fen', { skip }, async () => {
    const { page, problems } = await openPage(browser.context);
    await signIn(page, 'finance1');
    await menu(page, '公司设置');
    const settings = page.getByTestId('settings-page');
    const cap = settings.getByTestId('waiver-cap');
    await cap.waitFor();
    const token = await apiSignIn('finance1');
    const companyId = (await api(token, 'GET', '/api/me')).roles.find((g) => g.scopeType === 'company').scopeId;
    const original = await api(token, 'GET', `/api/companies/${companyId}/settings`);
    assert.equal(await settings.getByTestId('cash-limit').inputValue(), (original.cashLimitFen / 100).toFixed(2));

    await cap.fill('300.1x');
    await settings.getByRole('button', { name: /保\s*存/ }).click();
    await settings.getByText(/最多两位小数/).waitFor();
    await cap.fill('300.10');
    const put = page.waitForResponse(
      (r) => r.url().endsWith(`/api/companies/${companyId}/settings`) && r.request().method() === 'PUT',
    );
    await settings.getByRole('button', { name: /保\s*存/ }).click();
    assert.equal((await put).status(), 200);
    await page.getByText(/每月免收上限 ¥300\.10/).waitFor();
    const saved = await api(token, 'GET', `/api/companies/${companyId}/settings`);
    assert.equal(saved.waiverMonthlyCapFen, 30010, '300.10 yuan is stored as 30010 fen');
    await shot(page, 'company-settings');

    // Put the demo back the way it was (the cap is per company and other journeys read it).
    await api(token, 'PUT', `/api/companies/${companyId}/settings`, {
      cashLimitFen: original.cashLimitFen,
      waiverMonthlyCapFen: original.waiverMonthlyCapFen,
    });
    assert.deepEqual(problems, [], 'no page errors or console errors');
    await page.close();
  });
});
