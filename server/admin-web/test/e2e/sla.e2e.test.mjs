// 服务时限 and 时效报表: sup1 reads the project's SLA limits (the domain defaults marked 系统默认), adds a limit for
// 家政服务类 · 一般 — the editor refuses 31 天 with the server's bound, then saves — and edits it again; pm1 opens the
// 时效报表 for this month and sees the cards matching the API's figures, the on-time chart and the breach list.
// Screenshots: console-sla-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, launch, menu, openPage, shot, signIn, skip, choose } from './harness.mjs';

/** One limit row of the editor: its number input, unit select and 不考核 checkbox. */
function limit(modal, label) {
  const item = modal.locator('.ant-form-item').filter({ has: modal.page().getByLabel(label, { exact: true }) });
  return {
    input: item.getByLabel(label, { exact: true }),
    unit: item.locator('.ant-select'),
    off: item.locator('.ant-checkbox-wrapper'),
    item,
  };
}

describe('console SLA pages (browser)', () => {
  let browser;

  before(async () => {
    if (!BASE) return;
    browser = await launch();
  });
  after(async () => browser?.close());

  it('sup1 sets a category limit on 服务时限', { skip }, async () => {
    const { page, problems } = await openPage(browser.context);
    await signIn(page, 'sup1');
    await menu(page, '服务时限');
    await page.getByTestId('sla-policies-page').waitFor();
    const table = page.getByTestId('sla-policies');
    const emergencyDefault = table.locator('tbody tr', { hasText: '紧急' }).first();
    await emergencyDefault.waitFor();
    assert.match(
      await emergencyDefault.innerText(),
      /默认（未单独设置的类别）[\s\S]*系统默认[\s\S]*30 分钟[\s\S]*30 分钟[\s\S]*2 小时[\s\S]*1 天/,
    );

    await page.getByRole('button', { name: '新增类别时限' }).click();
    const modal = page.locator('.ant-modal:visible').filter({ hasText: '新增类别时限' });
    await modal.waitFor();
    await choose(page, modal.locator('.ant-select').first(), '家政服务类');
    const respond = limit(modal, '响应时限');
    await respond.off.click();
    await respond.input.fill('90');
    await choose(page, respond.unit, '分钟');
    const visit = limit(modal, '回访时限');
    await visit.off.click();
    await visit.input.fill('31');
    await choose(page, visit.unit, '天');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await visit.item.getByText('回访时限最多 30 天').waitFor();
    await visit.input.fill('1');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });

    const row = table.locator('tbody tr', { hasText: '家政服务类' });
    await row.waitFor();
    assert.match(await row.innerText(), /家政服务类\s+一般\s+1 小时 30 分钟\s+按约定上门时间\s+不考核\s+1 天/);
    assert.ok(!(await row.innerText()).includes('系统默认'));

    await row.getByRole('button', { name: '编辑' }).click();
    const edit = page.locator('.ant-modal:visible').filter({ hasText: '编辑服务时限' });
    await edit.waitFor();
    const resolve = limit(edit, '完成时限');
    await resolve.off.click();
    await resolve.input.fill('4');
    await choose(page, resolve.unit, '小时');
    await shot(page, 'sla-policy-edit', false);
    await edit.locator('.ant-modal-footer .ant-btn-primary').click();
    await edit.waitFor({ state: 'hidden' });
    await row.getByText('4 小时').waitFor();
    await shot(page, 'sla-policies');
    assert.deepEqual(problems, []);
  });

  it('pm1 reads the 时效报表 of this month', { skip }, async () => {
    const { page, problems } = await openPage(browser.context);
    await signIn(page, 'pm1');
    const answer = page.waitForResponse((r) => r.url().includes('/sla-report?') && r.request().method() === 'GET', {
      timeout: 15_000,
    });
    await menu(page, '时效报表');
    await page.getByTestId('sla-report-page').waitFor();
    const report = await (await answer).json();
    if (report.summary.tickets === 0) {
      await page.getByText('没有报修工单').waitFor();
    } else {
      const summary = page.getByTestId('sla-summary');
      await summary.waitFor();
      const text = (await summary.innerText()).replace(/\s+/g, ' ');
      assert.ok(text.includes(`工单数 ${report.summary.tickets}`), text);
      const breaches = Object.values(report.summary.breaches).reduce((a, b) => a + b, 0);
      assert.ok(text.includes(`超时次数 ${breaches}`), text);
      assert.equal(await page.getByTestId('sla-rate-chart').locator('rect').count(), report.byCategory.length);
      await page.getByTestId('sla-by-category').waitFor();
      assert.ok(await page.getByRole('button', { name: '导出 xlsx' }).isEnabled());
      await page.getByTestId('sla-breaches').waitFor();
      if (report.breaches.length) {
        await page.getByTestId('sla-breaches').getByText(report.breaches[0].serial).click();
        await page.locator('.ant-drawer').getByText(report.breaches[0].serial).first().waitFor();
      } else {
        await page.getByText('所选月份没有超时记录').waitFor();
      }
    }
    await shot(page, 'sla-report');
    assert.deepEqual(problems, []);
  });
});
