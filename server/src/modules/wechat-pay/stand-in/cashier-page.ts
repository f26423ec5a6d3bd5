/** The simulated WeChat cashier (收银台) the H5 demo opens instead of wx.requestPayment. Demo-only HTML. */

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#ededed;color:#111}
.top{background:#fff;padding:28px 20px;text-align:center}.merchant{color:#666;font-size:15px}.amount{font-size:40px;font-weight:600;margin:12px 0}
.desc{color:#666;font-size:14px;word-break:break-all}.note{margin:16px 20px;color:#999;font-size:12px;text-align:center}
form{margin:24px 20px;display:flex;flex-direction:column;gap:12px}
button{font-size:17px;padding:12px;border-radius:8px;border:0}.pay{background:#07c160;color:#fff}.cancel{background:#fff;color:#111}`;

export function cashierPage(p: {
  amountFen: number;
  description: string;
  merchant: string;
  fields: Record<string, string>;
}): string {
  const hidden = Object.entries(p.fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  const yuan = `${Math.floor(p.amountFen / 100)}.${String(p.amountFen % 100).padStart(2, '0')}`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>微信支付（模拟）</title><style>${STYLE}</style></head><body>
<div class="top"><div class="merchant">${esc(p.merchant)}</div><div class="amount" data-testid="amount">¥${yuan}</div><div class="desc">${esc(p.description)}</div></div>
<form method="post" action="/__standin/cashier/confirm">${hidden}
<button class="pay" type="submit" name="action" value="confirm">确认支付</button>
<button class="cancel" type="submit" name="action" value="cancel">取消</button></form>
<p class="note">演示环境：本页模拟微信支付收银台，不会产生真实扣款。</p></body></html>`;
}

export function resultPage(title: string, detail: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body><div class="top"><div class="amount">${esc(title)}</div>
<div class="desc">${esc(detail)}</div></div></body></html>`;
}
