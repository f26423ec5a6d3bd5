// Staff console journey: the project manager's house import (dry run), building customer managers and technicians.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, openPage as open, shot, signIn, skip } from './harness.mjs';

describe('staff console: staffing pages (browser)', () => {
  let browser;
  before(async () => {
    if (!skip) browser = await launch();
  });
  after(async () => browser?.close());
  const openPage = () => open(browser.context);

  it('project manager: building customer managers and technicians pages', { skip }, async () => {
    const { page, problems } = await openPage();
    await signIn(page, 'pm1');
    const menu = await page.locator('.ant-layout-sider .ant-menu').innerText();
    assert.match(menu, /楼栋客户经理/);
    assert.match(menu, /维修师傅/);

    // House import, dry run only (writes nothing): a bad row is listed, a good file shows the summary.
    await page.locator('.ant-layout-sider').getByText('房屋档案').click();
    await page.getByRole('button', { name: /导入房屋/ }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByText('下载导入模板').waitFor();
    const header = '楼栋,单元,房号,楼层,建筑面积,房屋类型';
    const upload = (name, csv) =>
      modal
        .locator('input[type="file"]')
        .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\n`) });
    await upload('bad.csv', `${header}\n1栋,1单元,1001,10,不是面积,住宅`);
    const rowErrors = page.getByTestId('import-errors');
    await rowErrors.waitFor();
    assert.match(await rowErrors.innerText(), /未写入任何数据/);
    assert.match(await rowErrors.locator('tbody').innerText(), /^\s*2\b/m, 'the bad row is reported as row 2');
    await shot(page, 'house-import-errors', false);
    await modal.getByRole('button', { name: /重新选择文件/ }).click();
    await upload('good.csv', `${header}\n1栋,1单元,1001,10,148.66,住宅`);
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /将新增[\s\S]*将更新/);
    await shot(page, 'house-import-summary', false);
    await modal.getByRole('button', { name: /重新选择/ }).waitFor();
    await page.keyboard.press('Escape');

    await page.locator('.ant-layout-sider').getByText('楼栋客户经理').click();
    const buildings = page.getByTestId('building-managers-page');
    await buildings.waitFor();
    const buildingRows = buildings.locator('tbody tr.ant-table-row');
    await buildingRows.first().waitFor();
    assert.ok((await buildingRows.count()) > 0, 'buildings are listed');
    assert.match(await buildingRows.first().innerText(), /栋/);
    await shot(page, 'building-managers');

    // Edit and save the first building unchanged: the PUT round trip works and the row leaves edit mode.
    await buildingRows
      .first()
      .getByRole('button', { name: /编\s*辑/ })
      .click();
    await buildingRows.first().locator('.ant-select').waitFor();
    await shot(page, 'building-managers-edit', false);
    const put = page.waitForResponse((r) => /\/customer-managers$/.test(r.url()) && r.request().method() === 'PUT');
    await buildingRows
      .first()
      .getByRole('button', { name: /保\s*存/ })
      .click();
    assert.equal((await put).status(), 200);
    await page.getByText(/的客户经理已更新/).waitFor();
    await buildingRows
      .first()
      .getByRole('button', { name: /编\s*辑/ })
      .waitFor();

    await page.locator('.ant-layout-sider').getByText('维修师傅').click();
    const technicians = page.getByTestId('technicians-page');
    await technicians.waitFor();
    const techRows = technicians.locator('tbody tr.ant-table-row');
    await technicians.locator('tbody tr.ant-table-row, .ant-empty').first().waitFor();
    if ((await techRows.count()) > 0) {
      // Toggle on-duty and back: each change is saved through PATCH /api/technicians/:userId.
      const toggle = techRows.first().getByRole('switch');
      const before = await toggle.getAttribute('aria-checked');
      const saved = page.waitForResponse(
        (r) => /\/api\/technicians\/\d+$/.test(r.url()) && r.request().method() === 'PATCH',
      );
      await toggle.click();
      assert.equal((await saved).status(), 200);
      assert.notEqual(await toggle.getAttribute('aria-checked'), before);
      const restored = page.waitForResponse(
        (r) => /\/api\/technicians\/\d+$/.test(r.url()) && r.request().method() === 'PATCH',
      );
      await toggle.click();
      assert.equal((await restored).status(), 200);
      assert.equal(await toggle.getAttribute('aria-checked'), before);
    } else {
      assert.match(await technicians.innerText(), /还没有维修师傅/);
    }
    await shot(page, 'technicians');

    assert.deepEqual(problems, [], 'no page errors or console errors');
    await page.close();
  });
});
