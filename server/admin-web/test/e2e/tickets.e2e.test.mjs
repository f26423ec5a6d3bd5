// Ticket workbench journeys: cm1 registers the seeded 待受理 request and records a phone request (代客报修);
// sup1 dispatches from 派单队列, then holds and resumes the ticket. Changes data: run on a fresh DATA_DIR.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { api, apiSignIn, BASE, launch, menu, openPage, pick, shot, signIn, skip } from './harness.mjs';

/** antd puts a space between the two characters of a two-character button label (受 理). */
const twoChar = (label) => new RegExp(`^\\s*${[...label].join('\\s?')}\\s*$`);

describe('tickets (browser)', () => {
  let browser;
  let projectId;

  before(async () => {
    if (!BASE) return;
    browser = await launch();
    const token = await apiSignIn('cm1');
    projectId = (await api(token, 'GET', '/api/property/projects')).find((p) => p.name === '阳光花园').id;
  });
  after(async () => browser?.close());

  async function openFromList(page, serial) {
    await page.getByTestId('ticket-search').locator('input').fill(serial);
    await page.getByTestId('ticket-search').locator('input').press('Enter');
    await page.getByTestId('ticket-table').getByText(serial, { exact: true }).click();
    const drawer = page.getByTestId('ticket-drawer');
    await drawer.getByTestId('ticket-detail').waitFor();
    return drawer;
  }

  async function act(page, drawer, label, fill) {
    await drawer
      .getByTestId('ticket-actions')
      .getByRole('button', { name: label.length === 2 ? twoChar(label) : label })
      .click();
    const modal = page.locator('.ant-modal').filter({ hasText: `${label} · ` });
    await modal.waitFor();
    if (fill) await fill(modal);
    const done = page.waitForResponse(
      (r) => /\/api\/tickets\/\d+\/[a-z-]+$/.test(r.url()) && r.request().method() === 'POST',
    );
    await modal.getByRole('button', { name: `确认${label}` }).click();
    const res = await done;
    assert.ok(res.ok(), `${label} → ${res.status()}`);
    await modal.waitFor({ state: 'detached' });
    return res.json();
  }

  it('cm1: 工单中心 shows the seeded 待受理 ticket, registers it, and records a phone request', { skip }, async () => {
    const { page, problems } = await openPage(browser.context);
    const token = await apiSignIn('cm1');
    const waiting = (await api(token, 'GET', `/api/tickets?projectId=${projectId}&status=submitted`)).items;
    const seeded = waiting.find((t) => t.paid && t.actions.includes('register'));
    assert.ok(seeded, 'the demo seeds a paid 待受理 ticket');

    await signIn(page, 'cm1');
    const sider = await page.locator('.ant-layout-sider .ant-menu').innerText();
    assert.match(sider, /工单中心/);
    assert.match(sider, /代客报修/);
    assert.doesNotMatch(sider, /派单队列|升级与整改/);

    await menu(page, '工单中心');
    const list = page.getByTestId('tickets-page');
    const table = list.getByTestId('ticket-table');
    await table.getByText(seeded.serial, { exact: true }).waitFor();
    const row = table.locator('tr').filter({ hasText: seeded.serial });
    assert.match(await row.innerText(), new RegExp(`${seeded.houseLabel}[\\s\\S]*报修[\\s\\S]*待受理`));
    await shot(page, 'ticket-list');

    const drawer = await openFromList(page, seeded.serial);
    assert.match(await drawer.getByTestId('ticket-detail').innerText(), new RegExp(seeded.description.slice(0, 6)));
    await drawer.getByTestId('ticket-timeline').getByText('提交工单').waitFor();
    // The SLA countdown (docs/sla.md): the respond clock runs until a technician accepts.
    assert.match(await drawer.getByTestId('sla-countdown').innerText(), /响应：(剩余|已超时)/);
    await shot(page, 'ticket-detail', false);

    const registered = await act(page, drawer, '受理', async (modal) => {
      // Paid work: the form refuses until the resident has been told the prices.
      await modal.getByRole('button', { name: '确认受理' }).click();
      await modal.getByText('收费工单须先向业主说明收费标准').waitFor();
      await modal.getByText('已向业主说明收费标准').click();
      await shot(page, 'ticket-register', false);
    });
    assert.equal(registered.status, 'registered');
    assert.ok(registered.priceExplainedAt, 'the acknowledgement was recorded');
    await drawer.locator('.ant-drawer-title').getByText('已受理').waitFor();
    await drawer.getByTestId('ticket-timeline').getByText('受理', { exact: true }).waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('ticket-search').locator('input').fill('');
    await page.getByTestId('ticket-search').locator('input').press('Enter');
    await table.locator('tr').filter({ hasText: seeded.serial }).waitFor({ state: 'detached' });

    // 代客报修: a phone call about 3栋1单元1201's kitchen tap.
    await menu(page, '代客报修');
    const form = page.getByTestId('create-ticket-page');
    const buildings = await api(token, 'GET', `/api/property/projects/${projectId}/buildings`);
    const building = buildings.find((b) => b.name.startsWith('3')) ?? buildings[0];
    const houses = (
      await api(
        token,
        'GET',
        `/api/property/projects/${projectId}/houses?buildingId=${building.id}&unitId=${building.units[0].id}&page=1&pageSize=50`,
      )
    ).items;
    await form.getByTestId('unit-picker').click();
    await page.locator('.ant-cascader-menu-item').filter({ hasText: building.name }).first().click();
    await page.locator('.ant-cascader-menu-item').filter({ hasText: building.units[0].name }).first().click();
    await pick(page, form.getByTestId('room-picker'), houses[0].roomNo);
    await pick(page, form.getByTestId('category-select'), '供水设备维修');
    await form.getByText('紧急', { exact: true }).click();
    await form.getByPlaceholder('例如：厨房水龙头漏水，关不紧').fill('E2E 电话报修：厨房水龙头漏水，关不紧');
    await form.getByPlaceholder('如 王女士').fill('王女士');
    await form.getByPlaceholder('11 位手机号').fill('13900001234');
    await shot(page, 'ticket-create');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST');
    await form.getByRole('button', { name: '提交工单' }).click();
    const res = await created;
    assert.equal(res.status(), 201);
    const ticket = await res.json();
    assert.equal(ticket.channel, 'phone');
    assert.equal(ticket.status, 'submitted');
    await list.waitFor();
    const newRow = table.locator('tr').filter({ hasText: ticket.serial });
    await newRow.waitFor();
    assert.match(await newRow.innerText(), /待受理[\s\S]*紧急/);
    assert.match(await newRow.innerText(), new RegExp(houses[0].roomNo));
    await shot(page, 'ticket-list-new');

    // A verified paid ticket: quote lines in yuan, signatures, ratings, and the 回访 action.
    const verified = (await api(token, 'GET', `/api/tickets?projectId=${projectId}&status=verified`)).items.find(
      (t) => t.quote,
    );
    assert.ok(verified, 'the demo seeds a verified paid ticket');
    await list.getByRole('tab', { name: '待回访' }).click();
    const done = await openFromList(page, verified.serial);
    const quote = done.getByTestId('ticket-quote');
    await quote.waitFor();
    const total = `¥${Math.floor(verified.quote.totalFen / 100).toLocaleString('en-US')}.${String(verified.quote.totalFen % 100).padStart(2, '0')}`;
    assert.ok((await quote.innerText()).includes(total), `quote total ${total}`);
    await done.getByText('业主评价').waitFor();
    await done
      .getByTestId('ticket-actions')
      .getByRole('button', { name: twoChar('回访') })
      .waitFor();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' }); // the 已登记 toast covers the title
    await shot(page, 'ticket-detail-verified');
    // 打印处理单 downloads the ticket's 客户需求处理单 (the server's PDF, not a page of the console).
    const formDownload = page.waitForEvent('download', { timeout: 30_000 });
    await done.getByTestId('ticket-form-pdf').click();
    const formPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ticket-form-')), 'form.pdf');
    await (await formDownload).saveAs(formPath);
    assert.equal(fs.readFileSync(formPath).subarray(0, 5).toString(), '%PDF-', 'the form downloads as a PDF');
    const formText = execFileSync('pdftotext', [formPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.ok(
      formText.includes('客户需求处理单') && formText.includes(verified.serial),
      'the printed form names the ticket',
    );
    await page.locator('.ant-drawer-close').click();

    assert.deepEqual(problems, [], 'no page errors or console errors');
    await page.close();
  });

  it('sup1: dispatches from 派单队列, then holds and resumes the ticket', { skip }, async () => {
    const { page, problems } = await openPage(browser.context);
    const token = await apiSignIn('sup1');
    const queue = (await api(token, 'GET', `/api/tickets/dispatch-queue?projectId=${projectId}`)).items;
    assert.ok(queue.length > 0, 'the demo seeds a supervisor queue');
    const target = queue[0];
    const techs = await api(token, 'GET', `/api/property/projects/${projectId}/technicians`);
    const loads = await api(token, 'GET', `/api/tickets/technician-workload?projectId=${projectId}`);
    // The dialog ranks first: on duty with a skill for the category (JJ → 门窗/锁具/家电), room under the cap, least busy.
    const rules = (await api(token, 'GET', `/api/service-categories?projectId=${projectId}`)).items;
    const skills = rules.find((c) => c.code === target.category)?.skills ?? [];
    const load = (t) => loads.find((l) => l.technicianId === t.userId);
    const fitting = techs.filter(
      (t) => t.onDuty && t.skills.some((s) => skills.includes(s)) && load(t).openJobs < t.maxOpenJobs,
    );
    const fewest = Math.min(...fitting.map((t) => load(t).openJobs));

    await signIn(page, 'sup1');
    await menu(page, '派单队列');
    const queuePage = page.getByTestId('dispatch-queue-page');
    const row = queuePage.getByTestId('dispatch-queue').locator('tr').filter({ hasText: target.serial });
    await row.waitFor();
    await queuePage.getByTestId('dispatch-policies').getByText('默认（未单独设置的类别）').waitFor();
    await shot(page, 'ticket-dispatch-queue');

    await row.getByRole('button', { name: twoChar('派单') }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: `派单 · ${target.serial}` });
    await modal.waitFor();
    await modal.getByTestId('technician-select').click();
    const first = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await first.getByTestId('tech-load').waitFor();
    const firstText = await first.innerText();
    const tech = fitting.find((t) => firstText.startsWith(t.name));
    assert.ok(tech, `a skilled, on-duty technician with room is offered first (${firstText})`);
    assert.equal(load(tech).openJobs, fewest, 'the least busy of them');
    assert.match(
      firstText,
      new RegExp(`在岗[\\s\\S]*对口[\\s\\S]*在办 ${fewest} 单 · 今日预约 ${load(tech).visitsToday}`),
    );
    await page.keyboard.press('Escape');
    await pick(page, modal.getByTestId('technician-select'), tech.name);
    await shot(page, 'ticket-dispatch', false);
    const dispatched = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${target.id}/dispatch`));
    await modal.getByRole('button', { name: '确认派单' }).click();
    const res = await dispatched;
    assert.ok(res.ok(), `dispatch → ${res.status()}`);
    assert.equal((await res.json()).technician.userId, tech.userId);
    await row.waitFor({ state: 'detached' });

    // The list shows it under 处理中 as 已派单 with the technician.
    await menu(page, '工单中心');
    const list = page.getByTestId('tickets-page');
    await list.getByRole('tab', { name: '处理中' }).click();
    const listRow = list.getByTestId('ticket-table').locator('tr').filter({ hasText: target.serial });
    await listRow.waitFor();
    assert.match(await listRow.innerText(), new RegExp(`已派单[\\s\\S]*${tech.name}`));

    const drawer = await openFromList(page, target.serial);
    const held = await act(page, drawer, '挂起', (m) => m.getByLabel('挂起原因').fill('业主出差，约定下周上门'));
    assert.equal(held.onHold, true);
    // The success toast sits below the drawer's title bar, never over it (issue 12, item 14).
    await page.locator('.ant-message-notice').first().waitFor();
    await page.waitForTimeout(600); // the toast slides in from the top; measure where it settles
    const toast = await page.locator('.ant-message-notice').first().boundingBox();
    const header = await drawer.locator('.ant-drawer-header').boundingBox();
    assert.ok(
      toast && header && toast.y >= header.y + header.height,
      `toast ${JSON.stringify(toast)} clears the title ${JSON.stringify(header)}`,
    );
    await drawer.getByText('工单已挂起：业主出差，约定下周上门').waitFor();
    await listRow.getByTestId('flag-hold').waitFor();
    await shot(page, 'ticket-hold', false);
    const resumed = await act(page, drawer, '恢复');
    assert.equal(resumed.onHold, false);
    assert.equal(resumed.status, 'dispatched');
    await drawer.getByText('工单已挂起', { exact: false }).waitFor({ state: 'detached' });
    await drawer.getByTestId('ticket-timeline').getByText('恢复', { exact: true }).waitFor();
    await shot(page, 'ticket-resumed', false);

    assert.deepEqual(problems, [], 'no page errors or console errors');
    await page.close();
  });
});
