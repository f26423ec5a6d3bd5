import { describe, expect, it } from 'vitest';
import { LIMITS, type IPriceListVersion, type IPublicFeeSchedule } from '@app/shared';
import { ApiError } from '../../src/api/api-error';
import { fenToInput, parseQuantityInput, parseYuanInput } from '../../src/lib/money-input';
import {
  defaultCopySource,
  diffRows,
  diffSummary,
  editorCompanyId,
  nextItemCode,
  priceListErrorMessage,
  publishTime,
  readOnlyReason,
  versionActions,
} from '../../src/pages/price-lists/price-logic';
import { buildQuoteRequest, scheduleOptions, unitOf } from '../../src/pages/fee-schedule/quote-logic';

const version = (patch: Partial<IPriceListVersion>): IPriceListVersion => ({
  id: 1,
  kind: 'fee_schedule',
  companyId: 1,
  regionId: null,
  versionNo: 1,
  title: 't',
  status: 'published',
  effectiveFrom: null,
  inForce: false,
  notes: null,
  createdBy: 7,
  approvedBy: null,
  approvedAt: null,
  publishedBy: null,
  publishedAt: null,
  itemCount: 0,
  ...patch,
});

describe('yuan input → fen', () => {
  it('converts exactly, without floating point', () => {
    expect(parseYuanInput('0.29')).toEqual({ ok: true, fen: 29 });
    expect(parseYuanInput('35')).toEqual({ ok: true, fen: 3500 });
    expect(parseYuanInput(' 35.5 ')).toEqual({ ok: true, fen: 3550 });
    expect(parseYuanInput('1,234.56')).toEqual({ ok: true, fen: 123456 });
    expect(parseYuanInput('¥19.99')).toEqual({ ok: true, fen: 1999 });
    expect(parseYuanInput('100000.00')).toEqual({ ok: true, fen: 10_000_000 });
  });

  it('refuses malformed, negative, too many decimals and too large amounts', () => {
    expect(parseYuanInput('12.345').ok).toBe(false);
    expect(parseYuanInput('abc').ok).toBe(false);
    expect(parseYuanInput('1e3').ok).toBe(false);
    expect(parseYuanInput('-1')).toEqual({ ok: false, message: '金额不能为负数' });
    expect(parseYuanInput('100000.01')).toEqual({ ok: false, message: '金额不能超过 ¥100,000.00' });
  });

  it('takes the tighter server bound where one exists (company settings: cash ≤ ¥500, waiver cap ≤ ¥2,000)', () => {
    expect(parseYuanInput('500', false, LIMITS.cashLimitFen)).toEqual({ ok: true, fen: 50_000 });
    expect(parseYuanInput('500.01', false, LIMITS.cashLimitFen)).toEqual({
      ok: false,
      message: '金额不能超过 ¥500.00',
    });
    expect(parseYuanInput('2000.01', false, LIMITS.waiverMonthlyCapFen)).toEqual({
      ok: false,
      message: '金额不能超过 ¥2,000.00',
    });
  });

  it('refuses a line quantity beyond the server bound (10,000 units)', () => {
    expect(parseQuantityInput('10000')).toEqual({ ok: true, quantityMilli: 10_000_000 });
    expect(parseQuantityInput('10000.001')).toEqual({ ok: false, message: '数量不能超过 10000' });
  });

  it('empty means "none" only for optional amounts', () => {
    expect(parseYuanInput('', true)).toEqual({ ok: true, fen: null });
    expect(parseYuanInput('  ')).toEqual({ ok: false, message: '请填写金额' });
  });

  it('round-trips through the input text', () => {
    for (const fen of [0, 1, 29, 50, 2150, 123456, 10_000_000]) {
      expect(parseYuanInput(fenToInput(fen))).toEqual({ ok: true, fen });
    }
    expect(fenToInput(null)).toBe('');
  });
});

describe('quantity input → thousandths', () => {
  it('parses up to three decimals and refuses zero', () => {
    expect(parseQuantityInput('1.5')).toEqual({ ok: true, quantityMilli: 1500 });
    expect(parseQuantityInput('2')).toEqual({ ok: true, quantityMilli: 2000 });
    expect(parseQuantityInput('0.125')).toEqual({ ok: true, quantityMilli: 125 });
    expect(parseQuantityInput('0').ok).toBe(false);
    expect(parseQuantityInput('1.2345').ok).toBe(false);
    expect(parseQuantityInput('').ok).toBe(false);
  });
});

describe('price list workflow', () => {
  it('copies the version in force by default, else the newest published', () => {
    const v1 = version({ id: 1, versionNo: 1 });
    const v2 = version({ id: 2, versionNo: 2, inForce: true });
    const v3 = version({ id: 3, versionNo: 3, status: 'draft' });
    expect(defaultCopySource([v3, v2, v1])?.id).toBe(2);
    expect(defaultCopySource([v3, v1, version({ id: 4, versionNo: 4 })])?.id).toBe(4);
    expect(defaultCopySource([v3])).toBeNull();
  });

  it('the drafter may not approve; approved versions can be returned or published', () => {
    expect(versionActions({ status: 'draft', createdBy: 7 }, 7)).toMatchObject({
      editable: true,
      canApprove: false,
      approveHint: '须由起草人以外的人员审批',
    });
    expect(versionActions({ status: 'draft', createdBy: 7 }, 8)).toMatchObject({
      canApprove: true,
      approveHint: null,
      canPublish: false,
    });
    expect(versionActions({ status: 'approved', createdBy: 7 }, 7)).toMatchObject({
      editable: false,
      canReturnToDraft: true,
      canPublish: true,
    });
    expect(versionActions({ status: 'published', createdBy: 7 }, 8)).toMatchObject({
      editable: false,
      canApprove: false,
      canPublish: false,
      canReturnToDraft: false,
    });
    expect(readOnlyReason('draft')).toBeNull();
    expect(readOnlyReason('published')).toMatch(/新建版本/);
  });

  it('publish time: "now" (or just past) goes out as immediate, the future as ISO, the past is refused', () => {
    const now = new Date('2026-03-01T02:00:00Z');
    expect(publishTime(null, now)).toEqual({ ok: true, effectiveFrom: undefined });
    expect(publishTime(new Date('2026-03-01T01:58:00Z'), now)).toEqual({ ok: true, effectiveFrom: undefined });
    expect(publishTime(new Date('2026-03-02T00:00:00Z'), now)).toEqual({
      ok: true,
      effectiveFrom: '2026-03-02T00:00:00.000Z',
    });
    expect(publishTime(new Date('2026-02-28T00:00:00Z'), now).ok).toBe(false);
  });

  it('explains refusals in plain words', () => {
    expect(priceListErrorMessage(new ApiError('FORBIDDEN', '价目表须由起草人以外的人员审批', 403))).toBe(
      '价目表须由起草人以外的人员审批',
    );
    expect(
      priceListErrorMessage(new ApiError('STATE_CONFLICT', 'x', 409, { current: { id: 1, status: 'published' } })),
    ).toBe('状态已被他人更改（当前为「已公示」），页面已刷新');
    expect(
      priceListErrorMessage(new ApiError('PRICE_LIST_NOT_EDITABLE', '已公示的价目表不可修改，请新建版本', 409)),
    ).toMatch(/新建版本/);
    expect(
      priceListErrorMessage(
        new ApiError('VALIDATION_FAILED', 'x', 422, {
          fields: [
            { field: 'a', message: '甲' },
            { field: 'b', message: '乙' },
          ],
        }),
      ),
    ).toBe('甲；乙');
  });

  it('suggests the next free item code and finds the company to edit', () => {
    expect(nextItemCode([{ code: 'GD-001' }, { code: 'GD-010' }, { code: 'GS-020' }], 'GD')).toBe('GD-011');
    expect(nextItemCode([], 'KT')).toBe('KT-001');
    expect(editorCompanyId([{ role: 'finance', scopeType: 'company', scopeId: 3 }], [])).toBe(3);
    expect(editorCompanyId([{ role: 'quality', scopeType: 'region', scopeId: 9 }], [{ companyId: 4 }])).toBe(4);
    expect(editorCompanyId([], [])).toBeNull();
  });

  it('formats diff entries: money via formatFen, booleans, categories by name', () => {
    const rows = diffRows(
      {
        fromVersionId: 1,
        toVersionId: 2,
        entries: [
          {
            code: 'GS-001',
            name: '水龙头更换',
            change: 'changed',
            fields: {
              labourPriceFen: [2000, 2150],
              callOutFeeFen: [null, 1000],
              materialsExtra: [true, false],
              categoryCode: ['GS', 'GD'],
            },
          },
          { code: 'KT-001', name: '空调清洗', change: 'added', fields: {} },
        ],
      },
      [
        { code: 'GS', name: '供水设备维修类', sortOrder: 1 },
        { code: 'GD', name: '供电设备维修类', sortOrder: 2 },
      ],
    );
    expect(rows[0].changes).toEqual([
      { field: 'labourPriceFen', label: '人工费', before: '¥20.00', after: '¥21.50' },
      { field: 'callOutFeeFen', label: '上门费', before: '—', after: '¥10.00' },
      { field: 'materialsExtra', label: '材料另计', before: '是', after: '否' },
      { field: 'categoryCode', label: '分类', before: '供水设备维修类', after: '供电设备维修类' },
    ]);
    expect(diffSummary(rows)).toBe('新增 1 项，删除 0 项，调整 1 项');
  });
});

describe('quote request', () => {
  const schedule = {
    categories: [
      {
        code: 'DY',
        name: '打字复印类',
        sortOrder: 1,
        items: [{ code: 'DY-001', name: '黑白打印', unit: '张', labourPriceFen: 50 }],
      },
    ],
  } as unknown as IPublicFeeSchedule;

  it('sends integer thousandths and merges repeated items', () => {
    expect(
      buildQuoteRequest(1, [
        { key: 1, code: 'GS-001', quantity: '1.5' },
        { key: 2, code: null, quantity: '1' },
        { key: 3, code: 'GS-001', quantity: '2' },
      ]),
    ).toEqual({ ok: true, request: { projectId: 1, items: [{ code: 'GS-001', quantityMilli: 3500 }] } });
  });

  it('names the row with a bad quantity, and needs at least one item', () => {
    expect(buildQuoteRequest(1, [{ key: 1, code: 'A', quantity: '0' }])).toEqual({
      ok: false,
      message: '第 1 行：数量须大于 0，最多三位小数',
    });
    expect(buildQuoteRequest(1, [{ key: 1, code: null, quantity: '1' }]).ok).toBe(false);
  });

  it('builds grouped options with prices and finds units', () => {
    expect(scheduleOptions(schedule, (f) => `¥${f / 100}`)).toEqual([
      { label: '打字复印类', options: [{ value: 'DY-001', label: 'DY-001 黑白打印 · ¥0.5/张', unit: '张' }] },
    ]);
    expect(unitOf(schedule, 'DY-001')).toBe('张');
    expect(unitOf(schedule, null)).toBe('');
  });
});
