import QRCode from 'qrcode';
import { IPublicFeeSchedule, fenToYuanString, shanghaiDate } from '@app/shared';

/** The mini-program page residents land on from the poster's QR code (H5 build; hash router). */
export function schedulePageUrl(origin: string, projectId: number): string {
  return `${origin}/h5/#/packages/resident/pages/fee-schedule/index?projectId=${projectId}`;
}

/** The company's cash limit (company settings), never a fixed amount: finance may change it. */
export function cashRule(cashLimitFen: number): string {
  return cashLimitFen > 0
    ? `单次 ${fenToYuanString(cashLimitFen)} 元（含）以内可现场以现金支付。`
    : '不接受现场现金支付。';
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A printable A4 notice (公示) of the schedule in force, with a QR code to the schedule page. */
export async function renderPoster(
  schedule: IPublicFeeSchedule,
  projectName: string,
  pageUrl: string,
): Promise<string> {
  const qr = await QRCode.toString(pageUrl, { type: 'svg', margin: 1, width: 160, errorCorrectionLevel: 'M' });
  const sections = schedule.categories
    .map((c) => {
      const rows = c.items
        .map(
          (i) =>
            `<tr><td class="c">${escape(i.code)}</td><td>${escape(i.name)}</td><td class="n">${fenToYuanString(i.labourPriceFen)} 元/${escape(i.unit)}</td>` +
            `<td>${i.materialsExtra ? '材料另计' : '不另收材料费'}${i.callOutFeeFen ? `；上门费 ${fenToYuanString(i.callOutFeeFen)} 元` : ''}</td><td class="std">${escape(i.serviceStandard)}</td></tr>`,
        )
        .join('');
      return `<h2>${escape(c.name)}</h2><table><thead><tr><th>编号</th><th>项目</th><th>收费标准</th><th>说明</th><th>服务标准</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(projectName)} 特约服务收费标准</title>
<style>
@page { size: A4; margin: 14mm; }
body { font-family: "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2329; margin: 0 auto; max-width: 190mm; }
header { display: flex; justify-content: space-between; align-items: center; border-bottom: 3px solid #1677ff; padding-bottom: 8px; }
h1 { font-size: 24px; margin: 0 0 6px; } .meta { color: #646a73; font-size: 13px; }
.qr { text-align: center; font-size: 12px; color: #646a73; } .qr svg { width: 34mm; height: 34mm; display: block; }
h2 { font-size: 16px; margin: 16px 0 6px; border-left: 4px solid #1677ff; padding-left: 8px; }
table { width: 100%; border-collapse: collapse; font-size: 12px; page-break-inside: auto; } tr { page-break-inside: avoid; }
th, td { border: 1px solid #dee0e3; padding: 4px 6px; text-align: left; vertical-align: top; } th { background: #f5f6f7; }
td.n, td.c { white-space: nowrap; } td.n { font-weight: 600; } td.std { color: #4e5969; }
footer { margin-top: 14px; font-size: 12px; color: #646a73; line-height: 1.7; }
</style></head><body>
<header><div><h1>${escape(projectName)} 特约服务项目及收费标准</h1>
<div class="meta">${escape(schedule.companyName)} · 第 ${schedule.versionNo} 版 · 自 ${shanghaiDate(new Date(schedule.effectiveFrom))} 起执行</div></div>
<div class="qr">${qr}扫码查看最新收费标准</div></header>
${sections}
<footer>说明：1. 维修费用 = 维修费 + 材料费；业主自备材料的只收维修费。物业代购材料按仓库采购价报价，经业主同意后方可购买。<br>
2. 所有费用须经业主签字确认报价后方可施工；特约服务费原则上按月随物业费结算。${cashRule(schedule.cashLimitFen)}<br>
3. 如对收费有疑问，请联系您的专属客户经理或拨打服务中心电话。</footer>
</body></html>`;
}
