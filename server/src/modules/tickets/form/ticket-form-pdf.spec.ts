import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCjkFont } from '../../billing/reports/pdf/cjk-font';
import { renderTicketFormPdf, type PrintedTicketForm } from './ticket-form-pdf';

const text = (pdf: Buffer): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'form-spec-')), 'form.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
};

const base: PrintedTicketForm = {
  ticket: {
    serial: 'P1-261201-0007',
    projectName: '阳光花园',
    houseLabel: '3栋2单元502',
    kind: 'repair',
    status: 'in_progress',
    urgency: 'emergency',
    description: '卫生间进水软管爆裂',
    contactName: '王芳',
    agreedTotalFen: 13000,
    ratings: null,
    result: null,
    quote: {
      id: 1,
      seq: 1,
      status: 'agreed',
      totalFen: 13000,
      scheduleVersionId: 1,
      materialsVersionId: 2,
      snapshotHash: 'x',
      createdAt: '2026-12-01T02:00:00.000Z',
      lines: [
        {
          kind: 'labour',
          code: 'GS-001',
          name: '水龙头更换',
          unit: '个',
          unitPriceFen: 2000,
          quantityMilli: 1000,
          amountFen: 2000,
        },
        {
          kind: 'material',
          code: 'M-102',
          name: '进水软管',
          unit: '根',
          unitPriceFen: 1250,
          quantityMilli: 1500,
          amountFen: 1875,
        },
      ],
    },
  },
  categoryName: '供水设备维修类（GS）',
  reporterPhone: '138****2222',
  technicianName: '李师傅',
  times: {
    registered: new Date('2026-12-01T01:02:00Z'),
    dispatched: null,
    arrived: null,
    done: null,
    verified: null,
    visited: null,
  },
  agreement: null,
  acceptance: null,
  returnVisit: null,
  printedAt: new Date('2026-12-01T08:30:00Z'),
  printedByName: '赵经理',
};

describe('renderTicketFormPdf', () => {
  const font = resolveCjkFont(null);

  it('prints quote lines in yuan, the materials used, Shanghai times and empty signature boxes to sign on paper', async () => {
    const printed = text(await renderTicketFormPdf(font, base));
    for (const expected of [
      '客户需求处理单',
      'NO:P1-261201-0007',
      '3栋2单元502',
      '紧急',
      '138****2222',
      '18.75',
      '1.5根',
      '所用材料：进水软管1.5根',
      '报价合计：¥130.00',
      '登记时间：2026-12-0109:02',
      '派工时间：—',
      '未签字',
      '未评价',
      '未回访',
      '打印时间：2026-12-0116:30',
      '打印人：赵经理',
    ])
      expect(printed).toContain(expected);
  });

  it('says so when there is no quote, and prints an unsatisfied return visit as such', async () => {
    const printed = text(
      await renderTicketFormPdf(font, {
        ...base,
        ticket: { ...base.ticket, quote: null, agreedTotalFen: null, houseLabel: null },
        returnVisit: { result: '仍有渗水', satisfied: false, byName: '赵经理' },
      }),
    );
    expect(printed).toContain('本单无报价');
    expect(printed).toContain('公共区域');
    expect(printed).toContain('回访结论：不满意');
    expect(printed).toContain('回访结果：仍有渗水（回访人：赵经理）');
  });
});
