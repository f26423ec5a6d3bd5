import { describe, expect, it } from 'vitest';
import {
  buildCollectRequest,
  previewAllocation,
  tenderedFen,
  type DeskDraft,
  type TenderDraft,
} from '../../src/pages/payments/cashier-logic';
import { handoverMethods, handoverTotals } from '../../src/pages/payments/handover-logic';
import { items } from './support/cashier-fixtures';

/** Issue 10, the cashier desk: the pure rules of a draft and of 交班汇总 (the pages: cashier-pages.test.ts). */
const tender = (over: Partial<TenderDraft>): TenderDraft => ({
  key: 1,
  method: 'cash',
  amount: '',
  reference: '',
  authCode: '',
  ...over,
});
const draft = (over: Partial<DeskDraft>): DeskDraft => ({
  houseId: 7,
  items,
  allocation: 'oldest',
  chosenKeys: [],
  tenders: [tender({ amount: '100' })],
  ...over,
});

describe('收银台 draft → request', () => {
  it('split tenders sum exactly in fen and go out as given; 按时间顺序 sends no targets', () => {
    const tenders = [
      tender({ amount: '200.10' }),
      tender({ key: 2, method: 'transfer', amount: '99.9', reference: ' HX20261201-88 ' }),
      tender({ key: 3, method: 'pos', amount: '0.29', reference: 'POS-771' }),
    ];
    expect(tenderedFen(tenders)).toBe(30_029);
    const built = buildCollectRequest(draft({ tenders }), 'desk-key-1');
    expect(built).toEqual({
      ok: true,
      request: {
        idempotencyKey: 'desk-key-1',
        houseId: 7,
        tenders: [
          { method: 'cash', amountFen: 20_010 },
          { method: 'transfer', amountFen: 9_990, reference: 'HX20261201-88' },
          { method: 'pos', amountFen: 29, reference: 'POS-771' },
        ],
      },
    });
  });

  it('chosen items go out oldest first whatever the tick order', () => {
    const built = buildCollectRequest(
      draft({ allocation: 'chosen', chosenKeys: ['charge:40', 'bill:11'] }),
      'k-12345678',
    );
    expect(built.ok && built.request.targets).toEqual([
      { kind: 'bill', id: 11 },
      { kind: 'charge', id: 40 },
    ]);
  });

  it('refuses in Chinese, naming the tender and what is missing', () => {
    const refuse = (over: Partial<DeskDraft>) => {
      const built = buildCollectRequest(draft(over), 'k-12345678');
      return built.ok ? 'accepted' : built.message;
    };
    expect(refuse({ houseId: null })).toBe('请先选择房屋');
    expect(refuse({ items: [] })).toBe('该房屋没有待缴项目');
    expect(refuse({ allocation: 'chosen' })).toBe('请勾选要收款的项目，或选择「按时间顺序」');
    expect(refuse({ tenders: [] })).toBe('请至少添加一种收款方式');
    expect(refuse({ tenders: [tender({ amount: '' })] })).toBe('第 1 笔（现金）：请填写金额');
    expect(refuse({ tenders: [tender({ amount: '12.345' })] })).toBe(
      '第 1 笔（现金）：请输入金额（元），最多两位小数，如 35 或 35.50',
    );
    expect(refuse({ tenders: [tender({ amount: '0' })] })).toBe('第 1 笔（现金）：金额须大于 0');
    expect(refuse({ tenders: [tender({ amount: '1' }), tender({ key: 2, method: 'transfer', amount: '2' })] })).toBe(
      '第 2 笔（银行转账）：请填写转账流水号',
    );
    expect(refuse({ tenders: [tender({ method: 'pos', amount: '2' })] })).toBe('第 1 笔（POS刷卡）：请填写POS凭证号');
    expect(refuse({ tenders: [tender({ method: 'wechat_micropay', amount: '2', authCode: '1234' })] })).toBe(
      '第 1 笔（微信付款码）：付款码应为 18 位数字（以 10–15 开头），请重新扫码',
    );
    // 200 + 320 + 45 = ¥565.00 open; ¥565.01 is one fen too many.
    expect(refuse({ tenders: [tender({ amount: '565.01' })] })).toBe('收款合计 ¥565.01 超过应收 ¥565.00，请核对金额');
    expect(refuse({ tenders: [tender({ amount: '565' })] })).toBe('accepted');
    expect(refuse({ allocation: 'chosen', chosenKeys: ['charge:40'], tenders: [tender({ amount: '45.01' })] })).toBe(
      '收款合计 ¥45.01 超过应收 ¥45.00，请核对金额',
    );
  });

  it('a scanned payment code loses its spaces and is sent as authCode', () => {
    const built = buildCollectRequest(
      draft({ tenders: [tender({ method: 'wechat_micropay', amount: '10', authCode: '1348 1234 5678 9012 34' })] }),
      'k-12345678',
    );
    expect(built.ok && built.request.tenders).toEqual([
      { method: 'wechat_micropay', amountFen: 1000, authCode: '134812345678901234' },
    ]);
  });

  it("预存抵扣 goes out as a prepaid tender, capped at the house's balance, at most one per collection", () => {
    const split = [tender({ method: 'prepaid', amount: '120' }), tender({ key: 2, amount: '80' })];
    const built = buildCollectRequest(draft({ tenders: split, prepayBalanceFen: 12_000 }), 'k-12345678');
    expect(built.ok && built.request.tenders).toEqual([
      { method: 'prepaid', amountFen: 12_000 },
      { method: 'cash', amountFen: 8_000 },
    ]);
    const over = buildCollectRequest(
      draft({ tenders: [tender({ method: 'prepaid', amount: '120.01' })], prepayBalanceFen: 12_000 }),
      'k-12345678',
    );
    expect(over).toEqual({ ok: false, message: '预存抵扣不能超过预存余额 ¥120.00' });
    const none = buildCollectRequest(draft({ tenders: [tender({ method: 'prepaid', amount: '1' })] }), 'k-12345678');
    expect(none).toEqual({ ok: false, message: '预存抵扣不能超过预存余额 ¥0.00' });
    const twice = buildCollectRequest(
      draft({
        tenders: [tender({ method: 'prepaid', amount: '1' }), tender({ key: 2, method: 'prepaid', amount: '1' })],
        prepayBalanceFen: 500,
      }),
      'k-12345678',
    );
    expect(twice).toEqual({ ok: false, message: '一次收款只能有一笔预存抵扣' });
  });

  it('the preview applies oldest first and never over a balance', () => {
    expect([...previewAllocation(items, 25_000)]).toEqual([
      ['bill:11', 20_000],
      ['bill:12', 5_000],
    ]);
    expect([...previewAllocation(items, 100_000)]).toEqual([
      ['bill:11', 20_000],
      ['bill:12', 32_000],
      ['charge:40', 4_500],
    ]);
  });
});

describe('交班汇总 sums', () => {
  it('one column per method that occurred, in the contract order, with exact totals', () => {
    const rows = [
      {
        cashierId: 5,
        cashierName: '小李',
        byMethod: [
          { method: 'pos' as const, count: 1, amountFen: 999 },
          { method: 'cash' as const, count: 2, amountFen: 10_001 },
        ],
        totalFen: 11_000,
        pendingApprovalFen: 999,
        refundsFen: 0,
        receiptCount: 2,
      },
      {
        cashierId: 6,
        cashierName: '小王',
        byMethod: [{ method: 'cash' as const, count: 1, amountFen: 1 }],
        totalFen: 1,
        pendingApprovalFen: 0,
        refundsFen: 500,
        receiptCount: 1,
      },
    ];
    const methods = handoverMethods(rows);
    expect(methods).toEqual(['cash', 'pos']);
    expect(handoverTotals(rows, methods)).toEqual({
      byMethod: { cash: 10_002, pos: 999 },
      totalFen: 11_001,
      pendingFen: 999,
      refundsFen: 500,
      receipts: 3,
    });
  });
});

// ── pages ───────────────────────────────────────────────────────────────────────────────────────────
