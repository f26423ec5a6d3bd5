// 类别与技能 journey: quality1 opens the company's category rules, sees every category either mapped to
// skills or explicitly open to all (打字复印 seeded as open to all), is stopped from saving a category with
// neither, then saves a real change and puts it back. Labels on the dispatch screens read this data.
// (Few sign-ins on purpose: the per-IP sign-in limit is shared with the other journeys of the run.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, apiSignIn, launch, menu, openPage, pick, shot, signIn, skip, BASE } from './harness.mjs';

const twoChar = (label) => new RegExp(`^\\s*${[...label].join('\\s?')}\\s*$`);

describe('category → skill rules (browser)', () => {
  let browser;
  let companyId;
  let token;

  before(async () => {
    if (!BASE) return;
    browser = await launch();
    token = await apiSignIn('quality1');
    const me = await api(token, 'GET', '/api/me');
    companyId = me.roles.find((g) => g.role === 'quality' && g.scopeType === 'company').scopeId;
  });
  after(async () => browser?.close());

  it(
    'quality1: rules listed, a rule with neither skills nor 不限技能 is refused, a change saves',
    { skip },
    async () => {
      const { page, problems } = await openPage(browser.context);
      await signIn(page, 'quality1');
      assert.match(await page.locator('.ant-layout-sider .ant-menu').innerText(), /类别与技能/);
      await menu(page, '类别与技能');
      const view = page.getByTestId('categories-page');
      const rows = view.locator('tbody tr.ant-table-row');
      await rows.filter({ hasText: 'DY' }).waitFor();
      // Names are editable inputs, filled from the company's data.
      for (const [code, label] of [
        ['GD', '供电设备维修类'],
        ['GS', '供水设备维修类'],
        ['DY', '打字复印类'],
      ]) {
        assert.equal(await view.getByLabel(`${code} 名称`).inputValue(), label);
      }
      assert.match(await rows.filter({ hasText: 'DY' }).innerText(), /不限技能：所有在岗师傅/);
      assert.match(await rows.filter({ hasText: 'GS' }).innerText(), /需要技能：水、管道疏通/);
      await shot(page, 'service-categories');

      // LH: remove its only skill → refused before saving, with the reason on the row.
      const lh = rows.filter({ hasText: 'LH' });
      await lh.locator('.ant-select-selection-item-remove').first().click();
      await page.getByTestId('save-LH').click();
      assert.match(await page.getByTestId('error-LH').innerText(), /请选择至少一项技能，或设为「不限技能」/);

      // Open to all instead: saves, and the API reports the new rule; then put the seeded rule back.
      await page.getByTestId('open-LH').click();
      await page.getByTestId('save-LH').click();
      await page
        .locator('.ant-message')
        .getByText(/已保存「绿化服务类（LH）」/)
        .waitFor();
      const saved = (await api(token, 'GET', `/api/service-categories?companyId=${companyId}`)).items.find(
        (c) => c.code === 'LH',
      );
      assert.deepEqual({ openToAll: saved.openToAll, skills: saved.skills }, { openToAll: true, skills: [] });
      await api(token, 'PUT', '/api/service-categories/LH', {
        companyId,
        name: '绿化服务类',
        skills: ['绿化'],
        openToAll: false,
        sortOrder: saved.sortOrder,
      });
      assert.deepEqual(problems, []);
    },
  );

  it(
    'sup1: dispatching a 绿化 job to a technician without the skill needs 破例派单 with a reason, which is recorded',
    { skip },
    async () => {
      const sup = await apiSignIn('sup1');
      const cm = await apiSignIn('cm1');
      const projectId = (await api(sup, 'GET', '/api/property/projects')).find((p) => p.name === '阳光花园').id;
      const rules = (await api(sup, 'GET', `/api/service-categories?projectId=${projectId}`)).items;
      const lh = rules.find((c) => c.code === 'LH');
      const techs = await api(sup, 'GET', `/api/property/projects/${projectId}/technicians`);
      const outsider = techs.find((t) => t.onDuty && !t.skills.some((s) => lh.skills.includes(s)));
      assert.ok(outsider, 'a demo technician without the 绿化 skill');
      await api(sup, 'PUT', `/api/projects/${projectId}/dispatch-policies`, {
        category: 'LH',
        mode: 'assign',
        poolMinutes: 30,
      });
      try {
        const ticket = await api(cm, 'POST', '/api/tickets', {
          projectId,
          kind: 'repair',
          scope: 'public',
          category: 'LH',
          urgency: 'normal',
          description: '3 号楼前绿篱需要修剪',
          channel: 'phone',
          contactPhone: '13800009999',
        });
        await api(cm, 'POST', `/api/tickets/${ticket.id}/register`, {});

        const { page, problems } = await openPage(browser.context);
        await signIn(page, 'sup1');
        await menu(page, '派单队列');
        const row = page.getByTestId('dispatch-queue').locator('tr').filter({ hasText: ticket.serial });
        await row.waitFor();
        assert.match(await row.innerText(), /绿化服务类/, 'the label comes from the company category');
        assert.doesNotMatch(await row.innerText(), /（LH）/, 'no raw category code on screen');
        await row.getByRole('button', { name: twoChar('派单') }).click();
        const modal = page.locator('.ant-modal').filter({ hasText: `派单 · ${ticket.serial}` });
        await pick(page, modal.getByTestId('technician-select'), outsider.name);
        const warning = modal.getByTestId('skill-override');
        await warning.waitFor();
        assert.match(await warning.innerText(), new RegExp(`${outsider.name} 没有「绿化服务类」所需技能（绿化）`));
        await modal.getByTestId('override-check').click();
        await modal.getByRole('button', { name: '确认派单' }).click();
        await modal.getByText('请填写破例派单的原因').waitFor();
        await modal.getByTestId('override-reason').fill('绿化工休假，先请他修剪');
        await shot(page, 'ticket-dispatch-override', false);
        const dispatched = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticket.id}/dispatch`));
        await modal.getByRole('button', { name: '确认派单' }).click();
        const res = await dispatched;
        assert.equal(res.status(), 200);
        assert.deepEqual(JSON.parse(res.request().postData()), {
          technicianId: outsider.userId,
          override: true,
          overrideReason: '绿化工休假，先请他修剪',
        });
        const timeline = await api(sup, 'GET', `/api/tickets/${ticket.id}/timeline`);
        assert.match(timeline.find((e) => e.action === 'dispatch').reason, /破例派单.*绿化工休假，先请他修剪/);
        assert.deepEqual(problems, []);
      } finally {
        await api(sup, 'PUT', `/api/projects/${projectId}/dispatch-policies`, {
          category: 'LH',
          mode: 'pool',
          poolMinutes: 30,
        });
      }
    },
  );
});
