// 消息 in the H5 build, in Debian's Chromium, against the REAL server only (E2E_BASE_URL): the customer manager takes
// a phone request and the supervisor dispatches it to 李师傅 (tech2; 王师傅's open-job slots belong to the ticket journey) through the API; 李师傅 signs in and sees the 消息 entry with an unread badge,
// opens the list, finds 新派单 for that ticket, taps it and lands on the job. Screenshots: h5-messages-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, call, h5, setupH5, shot, shown, signInAs } from './h5-harness.mjs';

const skip = BASE ? false : 'needs the real server (E2E_BASE_URL): messages come from real dispatches';

setupH5({ realOnly: true, timezoneId: 'Asia/Shanghai' });

test('李师傅 sees a new dispatch in 消息 with the unread badge, and the message opens the job', { skip }, async () => {
  // The supervisor of 阳光花园 dispatches a waiting request to 李师傅 (tech2; 王师傅's open-job slots belong to the ticket journey).
  const sup = (await call('POST', '/api/auth/password/login', null, { login: 'sup1', password: 'Demo@2026' }))
    .accessToken;
  const projects = await call('GET', '/api/property/projects', sup);
  const project = projects.find((p) => p.name === '阳光花园') ?? projects[0];
  const techs = await call('GET', `/api/property/projects/${project.id}/technicians`, sup);
  const li = techs.find((t) => t.name === '李师傅');
  assert.ok(li, `no 李师傅 among ${techs.map((t) => t.name).join(', ')}`);
  // A phone request of its own (the seeded queue belongs to the console journeys), dispatched by hand:
  // 绿化 waits for the supervisor while its policy is 'assign' (restored to the seeded 'pool' right after).
  const cm = (await call('POST', '/api/auth/password/login', null, { login: 'cm1', password: 'Demo@2026' }))
    .accessToken;
  await call('PUT', `/api/projects/${project.id}/dispatch-policies`, sup, {
    category: 'LH',
    mode: 'assign',
    poolMinutes: 30,
  });
  let waiting;
  try {
    waiting = await call('POST', '/api/tickets', cm, {
      projectId: project.id,
      kind: 'repair',
      scope: 'public',
      category: 'LH',
      urgency: 'normal',
      description: '5 号楼前的桂花树枝挡住路灯',
      channel: 'phone',
      contactPhone: '13800007777',
    });
    await call('POST', `/api/tickets/${waiting.id}/register`, cm, {});
  } finally {
    await call('PUT', `/api/projects/${project.id}/dispatch-policies`, sup, {
      category: 'LH',
      mode: 'pool',
      poolMinutes: 30,
    });
  }
  await call('POST', `/api/tickets/${waiting.id}/dispatch`, sup, {
    technicianId: li.userId,
    override: true,
    overrideReason: '演示：李师傅顺路处理',
  });

  const page = h5.page;
  await signInAs('李师傅');
  const home = shown('您好，李师傅');
  const entry = home.locator('.home__messages');
  await entry.locator('.home__badge').waitFor();
  const badge = Number((await entry.locator('.home__badge').innerText()).replace('+', ''));
  assert.ok(badge >= 1, `unread badge shows ${badge}`);
  await shot('h5-messages-01-home-badge.png');
  await entry.click();

  const list = shown('条未读');
  const message = list.locator('.messages__item', { hasText: `新派单：${waiting.serial}` });
  await message.waitFor();
  assert.ok(await message.locator('.messages__dot').isVisible(), 'the new dispatch is marked unread');
  await shot('h5-messages-02-list.png');
  await message.click();

  // The job page of that ticket opens; back on the list the message is read.
  await page.waitForURL(new RegExp(`packages/technician/pages/job/index\\?id=${waiting.id}`));
  await page.locator('.taro_page_stationed .job').last().waitFor();
  await page.waitForTimeout(300);
  await shot('h5-messages-03-job.png');
  const after = await call(
    'GET',
    '/api/inbox?unread=true&pageSize=50',
    (await call('POST', '/api/auth/demo/login', null, { userId: li.userId })).accessToken,
  );
  assert.ok(
    !after.items.some((m) => m.kind === 'ticket.dispatched' && m.ticketId === waiting.id),
    'opening the message marked it read',
  );
  assert.deepEqual(h5.pageErrors, []);
});
