// 报修 in the H5 build against the REAL server only (E2E_BASE_URL; the stub has no ticket lifecycle): 王师傅 (tech1)
// sees his open jobs on the 工作台, checks in at 2栋1单元902 with a photo, quotes labour and a material and has the
// resident sign on his phone, then grabs a pool job with its visit time. Screenshots: h5-ticket-07…09b.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, BASE, drawSignature, fullShot, h5, photoFile, setupH5, shown, signInAs } from './h5-harness.mjs';

const skip = BASE ? false : 'needs the real server (E2E_BASE_URL); the stub has no tickets';

setupH5({ realOnly: true, timezoneId: 'Asia/Shanghai' });

test(
  "王师傅 checks in with a photo, quotes labour and a material from the price list, and collects the resident's signature on his phone",
  { skip },
  async () => {
    const page = h5.page;
    // A fresh browser: nobody is signed in yet.
    await signInAs('王师傅');
    await shown('您好，王师傅').getByText('师傅工作台', { exact: true }).click();

    // The 工作台 shows the counts and the open jobs themselves: no second tap.
    const home = shown('待办工单');
    await home.locator('.jobs__item').first().waitFor();
    const tiles = await home.locator('.tech-home__tile').allInnerTexts();
    assert.deepEqual(
      tiles.map((t) => t.replace(/\d+/g, '').replace(/\s+/g, '')),
      ['待接单', '进行中', '待验收', '抢单池'],
    );
    assert.ok(await home.locator('.jobs__item', { hasText: '进水软管' }).getByText('已接单').isVisible());
    assert.equal(
      await home.locator('.jobs__item', { hasText: '已验收' }).count(),
      0,
      'finished jobs are not among the open ones',
    );
    await fullShot('h5-ticket-07-tech-jobs.png');
    await home.locator('.jobs__item', { hasText: '进水软管' }).click();

    let job = shown('进水软管');
    await job.getByText('到场签到', { exact: true }).click();
    // A 2400×1800 phone photo goes up compressed to 1600 px on its long side.
    const bigPhoto = await photoFile('door.png', 2400, 1800);
    const chooser = page.waitForEvent('filechooser');
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/media') && r.request().method() === 'POST');
    await job.getByText('现场照片', { exact: true }).click();
    await (await chooser).setFiles(bigPhoto);
    const media = await (await uploaded).json();
    assert.equal(Math.max(media.width, media.height), 1600, `compressed before upload: ${media.width}×${media.height}`);
    await job.locator('.photo-uploader__mask').waitFor({ state: 'detached', timeout: 15000 });
    await fullShot('h5-ticket-07b-tech-check-in.png');
    await job.getByText('确认到场', { exact: true }).click();
    await job.locator('.ticket-tag', { hasText: '已到场' }).waitFor();

    await job.getByText('报价', { exact: true }).click();
    await job.getByText('供水设备维修类', { exact: true }).click();
    const line = job.locator('.job__item').first();
    const itemName = (await line.locator('.job__item-main > *').first().textContent()).trim();
    await line.getByText('+', { exact: true }).click();
    await job.locator('.job__preview').getByText(itemName).waitFor();
    // One search across the schedule and the material price list.
    await job.locator('.job__search input').fill('软管');
    const hose = job.locator('.job__item--material', { hasText: '不锈钢编织软管' });
    await hose.waitFor();
    await hose.getByText('+', { exact: true }).click();
    await job.locator('.job__preview').getByText('不锈钢编织软管（4 分 60cm）').waitFor();
    assert.ok(
      await job.locator('.job__preview .quote-lines__kind', { hasText: '材料' }).isVisible(),
      'the material line is marked',
    );
    const total = (await job.locator('.job__preview .quote-lines__amount').textContent()).trim();
    assert.match(total, /^¥\d+\.\d\d$/);
    await fullShot('h5-ticket-08-tech-quote.png');
    await job.getByText(`发送报价（${total}）`, { exact: true }).click();
    await job.locator('.ticket-tag', { hasText: '待确认报价' }).waitFor();
    assert.ok(
      await job.locator('.quote-lines__amount', { hasText: total }).isVisible(),
      'the sent quote has the previewed total',
    );
    assert.ok(
      await job.getByText('不锈钢编织软管（4 分 60cm）').isVisible(),
      'the material is a line of the quote the resident signs',
    );

    await job.getByText('请业主签字确认报价', { exact: true }).click();
    const sign = shown('请将手机交给业主本人');
    await sign.waitFor();
    await sign.locator('.sig-pad__canvas').scrollIntoViewIfNeeded();
    await sign.locator('input').first().fill('刘洋');
    await drawSignature(sign.locator('canvas.sig-pad__canvas'));
    await sign.getByText('确认签字', { exact: true }).click();
    job = shown('进水软管');
    await job.locator('.ticket-tag', { hasText: '施工中' }).waitFor({ timeout: 15000 });

    // 完工: the missing 处理结果 is named, and the message goes once it is filled in.
    await job.getByText('完工', { exact: true }).click();
    await job.getByText('提交完工', { exact: true }).click();
    await job.getByText('请填写处理结果', { exact: true }).waitFor();
    await job.locator('textarea').fill('更换进水软管，试水 10 分钟无渗漏');
    await job.getByText('请填写处理结果', { exact: true }).waitFor({ state: 'detached' });
    await fullShot('h5-ticket-09-tech-in-progress.png');
    await job.getByText('收起', { exact: true }).click();
    assert.deepEqual(h5.pageErrors, []);
  },
);

test('王师傅 takes a pool job and its visit time in one confirmed step', { skip }, async () => {
  const page = h5.page;
  await page.goto(`${BASE}/h5/#/packages/technician/pages/jobs/index?tab=pool`);
  const pool = shown('抢单池');
  await pool.locator('.jobs__item', { hasText: '阳台灯不亮' }).click();
  const job = shown('阳台灯不亮');
  await job.getByText('抢单并约定上门时间', { exact: true }).click();
  await job.getByText('抢单并接单', { exact: true }).click();
  const confirm = page.locator('.taro-modal__foot').getByText('确认抢单', { exact: true });
  await confirm.waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'h5-ticket-09a-tech-grab-confirm.png') });
  await confirm.click();
  await job.locator('.ticket-tag', { hasText: '已接单' }).waitFor({ timeout: 15000 });
  assert.ok(await job.getByText(/约定上门：/).isVisible(), 'the visit time was set with the grab');
  // The SLA countdown (docs/sla.md): a normal job is due on site at the agreed visit time.
  assert.match(await job.locator('.sla-countdown').innerText(), /到场：剩余/);
  await fullShot('h5-ticket-09b-tech-grabbed.png');
  assert.deepEqual(h5.pageErrors, []);
});
