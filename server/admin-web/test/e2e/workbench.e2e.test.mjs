// The workbench per role (browser): finance, cashier and quality people get their own desk with real figures,
// nobody sees greyed tiles for somebody else's job. Screenshots: $E2E_ARTIFACTS_DIR/console-workbench-<user>.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, shot, signIn, skip } from './harness.mjs';

const DESKS = [
  {
    username: 'finance1',
    shown: ['tile-collections', 'tile-collection-rate', 'tile-approvals', 'tile-refunds', 'tile-invoices'],
    hidden: ['tile-bindings', 'ticket-card', 'operations-desk'],
  },
  {
    username: 'cashier1',
    shown: ['tile-collections', 'tile-collection-rate', 'tile-approvals', 'tile-hand-back', 'tile-cash'],
    hidden: ['tile-bindings', 'ticket-card', 'tile-refunds', 'tile-invoices', 'quality-desk'],
  },
  {
    username: 'quality1',
    shown: ['tile-sla', 'tile-complaints-open', 'tile-complaints-overdue', 'tile-visits'],
    hidden: ['money-desk', 'tile-bindings', 'ticket-card'],
  },
];

describe('the workbench answers "what needs me now" per role (browser)', { skip }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  for (const desk of DESKS) {
    it(`${desk.username} sees their own desk`, async () => {
      const { page, problems } = await openPage(browser.context);
      const failed = [];
      page.on('response', (r) => {
        if (r.url().includes('/api/') && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      await signIn(page, desk.username);
      for (const id of desk.shown) await page.getByTestId(id).waitFor();
      // Every tile has answered: no skeleton left, no failed load.
      await page.waitForFunction(() => !document.querySelector('[data-testid="home-page"] .ant-skeleton'), null, {
        timeout: 15_000,
      });
      for (const id of desk.hidden) assert.equal(await page.getByTestId(id).count(), 0, `${desk.username}: no ${id}`);
      const text = await page.getByTestId('home-page').innerText();
      assert.doesNotMatch(text, /由.{0,6}(负责|维护|受理|回访)/, 'no greyed tiles for other roles');
      assert.equal(await page.getByTestId('tile-error').count(), 0, 'no tile failed to load');
      if (desk.shown.includes('tile-collections'))
        assert.match(await page.getByTestId('tile-collections').innerText(), /¥[\d,]+\.\d{2}/, 'money from fen');
      await page.waitForLoadState('networkidle');
      await shot(page, `workbench-${desk.username}`);
      assert.deepEqual(failed, [], 'no failed API call');
      assert.deepEqual(problems, [], 'no page or console errors');
      await page.close();
    });
  }
});
