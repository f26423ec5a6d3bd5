// Every console page of each staff role, opened from the menu and photographed (issue 12): cm1, sup1, pm1,
// cashier1, finance1, quality1, admin. Read-only: menus, lists and one ticket drawer; nothing is changed.
// Each page waits until its data has arrived, then checks: no page or console error, no failed API call, no
// English in the page's text, no 无权 page behind a menu entry. Screenshots: $E2E_ARTIFACTS_DIR/roles/console-*.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SHOTS, launch, openPage, signIn, skip } from './harness.mjs';

const ROLE_SHOTS = path.join(SHOTS, 'roles');
const STAFF = [
  { username: 'cm1', role: '客户经理' },
  { username: 'sup1', role: '部门主管' },
  { username: 'pm1', role: '项目经理' },
  { username: 'cashier1', role: '收费员' },
  { username: 'finance1', role: '财务' },
  { username: 'quality1', role: '品质' },
  { username: 'admin', role: '系统管理员' },
];
/** Latin text a person may see in the console: serials and codes of the demo data, usernames, units (E2E: notes other journeys write). */
const ALLOWED_LATIN =
  /^(YGHY|CHY|PPR|PVC|LED|USB|cm|mm|kg|xlsx|admin|cm\d|sup\d|pm\d|cashier\d|finance\d|quality\d|tech\d|GS|GD|JJ|JZ|LH|DY|QT|ZZ)$/i;

describe('every console page, role by role (browser)', { skip }, () => {
  let browser;

  before(async () => {
    fs.mkdirSync(ROLE_SHOTS, { recursive: true });
    browser = await launch();
  });
  after(() => browser?.close());

  /** Until no API call is in flight for a moment and no spinner turns (at most 20 s, then the page is read as it is). */
  async function settle(page, inFlight) {
    const deadline = Date.now() + 20_000;
    for (let quiet = 0; quiet < 3 && Date.now() < deadline;) {
      await page.waitForTimeout(120);
      quiet = inFlight() === 0 ? quiet + 1 : 0;
    }
    await page
      .locator('.ant-spin-spinning')
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => {});
    await page.waitForTimeout(300);
  }

  async function inspect(page, name, problems) {
    const text = await page.locator('.ant-layout-content').innerText();
    const latin = (text.match(/[A-Za-z][A-Za-z0-9]{1,}/g) ?? []).filter(
      (w) =>
        !ALLOWED_LATIN.test(w) &&
        !/^[A-Z]{2,5}\d*$/.test(w) &&
        !/^(V\d+|A4|E27|E14|E2E)$/.test(w) &&
        !/^(?=.*\d)[0-9a-f]+$/.test(w),
    ); // pieces of a hex digest (a bill's content hash, wrapped in its cell) are not English
    if (latin.length) problems.push(`${name}: English on screen: ${[...new Set(latin)].slice(0, 12).join(', ')}`);
    if (/无权(访问|查看)/.test(text)) problems.push(`${name}: a menu entry opens a 无权 page`);
    const spills = await page.evaluate(() =>
      [...document.querySelectorAll('.ant-layout-content .ant-card')]
        .filter((card) => card.scrollWidth > card.clientWidth + 1)
        .map((card) => card.querySelector('.ant-card-head-title, th')?.textContent ?? '?'),
    );
    if (spills.length) problems.push(`${name}: content spills out of its card: ${spills.join(', ')}`);
  }

  for (const { username, role } of STAFF) {
    it(`${username} (${role}) opens every page of the menu`, async () => {
      const { page, problems } = await openPage(browser.context);
      let inFlight = 0;
      // The live-update stream (/api/live/…) stays open for as long as the page does: it is not a load.
      const counted = (r) => r.url().includes('/api/') && !r.url().includes('/api/live/');
      page.on('request', (r) => counted(r) && inFlight++);
      const done = (r) => counted(r) && (inFlight = Math.max(0, inFlight - 1));
      page.on('requestfinished', done);
      page.on('requestfailed', done);
      page.on('response', (r) => {
        if (r.url().includes('/api/') && r.status() >= 400)
          problems.push(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
      });
      try {
        await signIn(page, username);
        const items = page.locator('.ant-layout-sider .ant-menu-item');
        const labels = (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
        assert.ok(labels.length >= 2, `${username} has a menu: ${labels.join(', ')}`);
        for (const [i, label] of labels.entries()) {
          await page.locator('.ant-layout-sider .ant-menu-item', { hasText: label }).first().click();
          await settle(page, () => inFlight);
          const name = `console-${username}-${String(i + 1).padStart(2, '0')}-${label}`;
          await inspect(page, name, problems);
          await page.screenshot({ path: path.join(ROLE_SHOTS, `${name}.png`), fullPage: true });
          // 工单中心: a ticket opened in its drawer, as the role sees it.
          if (label === '工单中心' && (await page.locator('.ant-table-row').count())) {
            const serial = (await page.getByTestId('ticket-table').locator('.ant-table-row').first().innerText()).match(
              /[A-Z]+-\d{6}-\d{4}/,
            )[0];
            await page.getByTestId('ticket-table').getByText(serial, { exact: true }).click();
            await page.getByTestId('ticket-drawer').getByTestId('ticket-detail').waitFor();
            await settle(page, () => inFlight);
            await inspect(page, `${name}-drawer`, problems);
            await page.screenshot({ path: path.join(ROLE_SHOTS, `${name}-drawer.png`) });
            await page.keyboard.press('Escape');
            await page
              .getByTestId('ticket-drawer')
              .waitFor({ state: 'hidden' })
              .catch(() => {});
          }
        }
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});
