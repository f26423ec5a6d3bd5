import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCjkFont } from '../../billing/reports/pdf/cjk-font';
import { renderReceiptPdf, shanghaiDateTime, type PrintedReceipt } from './receipt-pdf';

const WQY = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const receipt: PrintedReceipt = {
  projectName: '阳光花园',
  number: 'SJ-2026-000042',
  houseLabel: '2栋1单元302',
  totalFen: 25_005,
  payments: [
    { id: 1, method: 'cash', amountFen: 20_000, status: 'pending_approval' },
    { id: 2, method: 'wechat_micropay', amountFen: 5_005, status: 'confirmed' },
  ],
  allocations: [
    { kind: 'bill', targetId: 11, title: '2026-10 物业账单', amountFen: 20_000 },
    { kind: 'bill', targetId: 12, title: '2026-11 物业账单', amountFen: 5_005 },
  ],
  issuedAt: '2026-12-01T02:05:00Z',
  issuedByName: '收银员小李',
  printNo: 1,
  printedAt: new Date('2026-12-01T02:06:00Z'),
  printedByName: '收银员小李',
};

function text(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'receipt-'));
  writeFileSync(join(dir, 'r.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
}

describe('receipt PDF', () => {
  it('prints Shanghai local time', () => {
    expect(shanghaiDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
  });

  (existsSync(WQY) && hasPdftotext ? it : it.skip)(
    'the original carries number, items, tenders and the total in capitals; a reprint says 补打 and its print number',
    async () => {
      const font = resolveCjkFont(WQY);
      const original = text(await renderReceiptPdf(font, receipt));
      expect(original).toContain('阳光花园 收款收据');
      expect(original).toContain('SJ-2026-000042');
      expect(original).toContain('2026-12-01 10:05');
      expect(original).toMatch(/2026-10 物业账单\s+200\.00/);
      expect(original).toMatch(/现金\s+待复核\s+200\.00/);
      expect(original).toMatch(/微信付款码\s+已入账\s+50\.05/);
      expect(original).toContain('人民币贰佰伍拾元零伍分');
      expect(original).not.toContain('补打');

      const copy = text(await renderReceiptPdf(font, { ...receipt, printNo: 3 }));
      expect(copy).toContain('补打');
      expect(copy).toContain('第 3 次打印');
      expect(copy).toContain('SJ-2026-000042');
    },
  );
});
