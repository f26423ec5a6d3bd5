// 房屋档案 journey: a project manager sets a house's 计费起始日 (交房日) in the house drawer, sees it in the list,
// and the server keeps it; a cashier (no house.edit) sees the date read-only. The date is cleared again at the end;
// it lies years back so a bill run of another journey running meanwhile bills this house exactly as before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, apiSignIn, BASE, launch, menu, openPage, shot, signIn, skip } from './harness.mjs';

describe('houses: 计费起始日 (browser)', () => {
  let browser;
  let token;
  let house;

  before(async () => {
    if (!BASE) return;
    browser = await launch();
    token = await apiSignIn('pm1');
    const projectId = (await api(token, 'GET', '/api/property/projects')).find((p) => p.name === '阳光花园').id;
    house = (await api(token, 'GET', `/api/property/projects/${projectId}/houses?pageSize=20`)).items[0];
  });
  after(async () => {
    if (house && token)
      await api(token, 'PUT', `/api/property/houses/${house.id}/billing-start`, { billingStartDate: null });
    await browser?.close();
  });

  it('pm1 sets the date in the drawer; the list and the server show it', { skip }, async () => {
    const { page, problems } = await openPage(browser.context);
    await signIn(page, 'pm1');
    await menu(page, '房屋档案');
    const table = page.getByTestId('houses-table');
    await table.getByText(house.label, { exact: true }).click();
    const field = page.getByTestId('billing-start');
    await field.waitFor({ timeout: 15_000 });
    const picker = field.locator('input');
    await picker.click();
    await picker.fill('2020-03-15');
    await picker.press('Enter');
    await field.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('计费起始日已设为 2020-03-15').waitFor({ timeout: 15_000 });
    await shot(page, 'house-billing-start', false);
    const saved = await api(token, 'GET', `/api/property/houses/${house.id}`);
    assert.equal(saved.billingStartDate, '2020-03-15');
    await page.keyboard.press('Escape');
    await page.reload();
    await page.getByTestId('houses-table').getByText('2020-03-15').first().waitFor({ timeout: 15_000 });
    assert.deepEqual(problems, []);
  });

  it('cashier1 (no house.edit) sees the date without a picker', { skip }, async () => {
    const { page, problems } = await openPage(browser.context);
    await signIn(page, 'cashier1');
    const menuText = await page.locator('.ant-layout-sider .ant-menu').innerText();
    if (!/房屋档案/.test(menuText)) return; // the role has no house list at all: nothing to show
    await menu(page, '房屋档案');
    await page.getByTestId('houses-table').getByText(house.label, { exact: true }).click();
    const field = page.getByTestId('billing-start');
    await field.waitFor({ timeout: 15_000 });
    assert.equal(await field.innerText(), '2020-03-15');
    assert.equal(await field.locator('input').count(), 0);
    assert.deepEqual(problems, []);
  });
});
