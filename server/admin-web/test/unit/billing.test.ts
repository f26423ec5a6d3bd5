import { describe, expect, it } from 'vitest';
import type { IBillingItem } from '@app/shared';
import { ApiError } from '../../src/api/api-error';
import {
  billCorrections,
  changeText,
  checkReadingFile,
  currentPeriod,
  dailyRateText,
  effectiveText,
  groupItemHistory,
  itemFormProblem,
  parseAdjustment,
  periodLabel,
  rateText,
  readingImportOutcome,
  readingProblem,
  reminderOutcome,
  recentPeriods,
  runProgress,
  sortImportErrors,
} from '../../src/pages/billing/billing-logic';

const item = (over: Partial<IBillingItem>): IBillingItem => ({
  id: 1,
  projectId: 1,
  code: 'WY',
  name: '物业服务费',
  kind: 'area',
  houseType: null,
  unitPriceFen: 235,
  unit: '元/㎡·月',
  sharedSplit: null,
  effectiveFrom: '2026-01',
  effectiveTo: null,
  createdBy: 1,
  createdAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('periods', () => {
  it('takes the Shanghai month, not the UTC one', () => {
    // 2026-01-31 17:00 UTC is already 1 February in Shanghai.
    expect(currentPeriod(new Date('2026-01-31T17:00:00Z'))).toBe('2026-02');
    expect(currentPeriod(new Date('2026-01-31T15:00:00Z'))).toBe('2026-01');
  });

  it('lists months newest first across a year end and labels them in Chinese', () => {
    expect(recentPeriods('2026-02', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
    expect(periodLabel('2026-03')).toBe('2026年3月');
    expect(periodLabel('bad')).toBe('bad');
  });
});

describe('fee items', () => {
  const rows = [
    item({ id: 1, effectiveFrom: '2025-01', effectiveTo: '2025-12', unitPriceFen: 200 }),
    item({ id: 2, effectiveFrom: '2026-01', unitPriceFen: 235 }),
    item({ id: 3, houseType: 'shop', effectiveFrom: '2025-01', unitPriceFen: 500 }),
    item({ id: 4, code: 'SF', name: '水费', kind: 'metered', unitPriceFen: 410, unit: '元/吨' }),
  ];

  it('groups effective-dated rows by code and house type, newest first, with the row in force', () => {
    const groups = groupItemHistory(rows);
    expect(groups.map((g) => g.code)).toEqual(['SF', 'WY']);
    const wy = groups[1];
    expect(wy.lines.map((l) => [l.houseType, l.current?.id, l.history.map((h) => h.id)])).toEqual([
      [null, 2, [2, 1]],
      ['shop', 3, [3]],
    ]);
    expect(effectiveText(rows[0])).toBe('2025-01 至 2025-12');
    expect(effectiveText(rows[1])).toBe('2026-01 起');
  });

  it('checks the form: code, price in yuan, a month, a split for 公摊, no start before the price in force', () => {
    const ok = {
      code: 'WY',
      name: '物业服务费',
      kind: 'area' as const,
      houseType: null,
      unitPrice: '2.50',
      unit: '元/㎡·月',
      effectiveFrom: '2026-06',
    };
    expect(itemFormProblem(ok, rows)).toBeNull();
    expect(itemFormProblem({ ...ok, code: 'wy' }, rows)).toMatch(/编码/);
    expect(itemFormProblem({ ...ok, unitPrice: '2.355' }, rows)).toMatch(/^单价：/);
    expect(itemFormProblem({ ...ok, effectiveFrom: '' }, rows)).toBe('请选择生效月份');
    expect(itemFormProblem({ ...ok, effectiveFrom: '2025-06' }, rows)).toBe(
      '生效月份不能早于当前价格的起始月份 2026-01',
    );
    expect(itemFormProblem({ ...ok, code: 'GT', kind: 'shared', unitPrice: '0' }, rows)).toMatch(/分摊方式/);
  });
});

describe('readings', () => {
  it('accepts decimal readings with up to three decimals', () => {
    expect(readingProblem('1234.5')).toBeNull();
    expect(readingProblem('0')).toBeNull();
    expect(readingProblem('')).toBe('请填写读数');
    expect(readingProblem('12.3456', '本期读数')).toMatch(/^本期读数须为/);
    expect(readingProblem('-1')).not.toBeNull();
  });

  it('takes xlsx only', () => {
    expect(checkReadingFile({ name: '抄表.xlsx', size: 100 })).toBeNull();
    expect(checkReadingFile({ name: '抄表.csv', size: 100 })).toMatch(/xlsx/);
    expect(checkReadingFile({ name: 'a.xlsx', size: 0 })).toBe('文件是空的');
  });

  it('shows row errors in sheet order, whether listed in the answer or in a 422', () => {
    const errors = [
      { row: 5, field: '本期读数', message: '小于上期读数，换表请标记' },
      { row: 3, field: '房号', message: '房屋不存在' },
    ];
    expect(sortImportErrors(errors).map((e) => e.row)).toEqual([3, 5]);
    const result = { dryRun: true, rows: 10, imported: 0, errors };
    expect(readingImportOutcome({ result })).toEqual({ kind: 'invalid', result });
    expect(readingImportOutcome({ result: { ...result, errors: [] } }).kind).toBe('ok');
    expect(readingImportOutcome({ error: new ApiError('IMPORT_INVALID', 'x', 422, result) })).toEqual({
      kind: 'invalid',
      result,
    });
    expect(readingImportOutcome({ error: new ApiError('NETWORK', '无法连接服务器', 0) })).toEqual({
      kind: 'failed',
      message: '无法连接服务器',
    });
  });
});

describe('bill runs', () => {
  it('shows houses done of the total, never over 100 %', () => {
    expect(runProgress({ status: 'running', housesDone: 500, housesTotal: 1500 })).toEqual({
      percent: 33,
      text: '500 / 1500 户',
    });
    expect(runProgress({ status: 'running', housesDone: 0, housesTotal: 0 }).percent).toBe(0);
    expect(runProgress({ status: 'draft', housesDone: 0, housesTotal: 0 }).percent).toBe(100);
    expect(runProgress({ status: 'draft', housesDone: 1600, housesTotal: 1500 }).percent).toBe(100);
  });

  it('compares with last month in fen and percent', () => {
    expect(changeText(105_000, 100_000)).toBe('+¥50.00（+5.0%）');
    expect(changeText(90_000, 100_000)).toBe('−¥100.00（−10.0%）');
    expect(changeText(100, 100)).toBe('±¥0.00（±0.0%）');
    expect(changeText(100, 0)).toBe('+¥1.00');
    expect(changeText(100, null)).toBeNull();
  });
});

describe('bills and collection', () => {
  it('parses a signed adjustment in yuan and refuses zero', () => {
    expect(parseAdjustment('-35.5')).toEqual({ ok: true, fen: -3550, amount: '-35.5' });
    expect(parseAdjustment('−12')).toEqual({ ok: true, fen: -1200, amount: '-12' });
    expect(parseAdjustment('120')).toEqual({ ok: true, fen: 12000, amount: '120' });
    expect(parseAdjustment('0')).toEqual({ ok: false, message: '调整金额不能为 0' });
    expect(parseAdjustment('1.234').ok).toBe(false);
  });

  it('offers corrections only to BillCorrect holders, void-and-reissue only on a published bill', () => {
    expect(billCorrections({ status: 'published' }, true)).toEqual({ voidReissue: true, adjust: true, waive: true });
    expect(billCorrections({ status: 'draft' }, true)).toEqual({ voidReissue: false, adjust: true, waive: false });
    expect(billCorrections({ status: 'void' }, true)).toEqual({ voidReissue: false, adjust: false, waive: false });
    expect(billCorrections({ status: 'published' }, false)).toEqual({
      voidReissue: false,
      adjust: false,
      waive: false,
    });
  });

  it('says when houses without a verified resident got no in-app reminder', () => {
    expect(reminderOutcome(3, 0)).toBe('已向 3 户发送站内催缴提醒');
    expect(reminderOutcome(1, 2)).toBe(
      '已向 1 户发送站内催缴提醒；2 户没有已认证的住户，收不到站内提醒，可改为打印催缴通知单',
    );
    expect(reminderOutcome(0, 1)).toBe('1 户没有已认证的住户，收不到站内提醒，可改为打印催缴通知单');
  });

  it('writes rates from basis points and the late-fee rate per day', () => {
    expect(rateText(9350)).toBe('93.5%');
    expect(rateText(null)).toBe('—');
    expect(dailyRateText(50)).toBe('0.05%/天');
    expect(dailyRateText(5)).toBe('0.005%/天');
  });
});
