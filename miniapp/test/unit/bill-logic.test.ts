import { describe, expect, it } from 'vitest';
import { billDue, billsByHouse, dueFen, formatDay, formatPeriod, houseArrearsFen } from '../../src/utils/bills';
import {
  arrearsRows,
  billTarget,
  choosableLines,
  chosenFen,
  groupLines,
  lineBasis,
  linesTotalFen,
} from '../../src/packages/bills/utils/bill-lines';
import {
  validateVacancy,
  vacancyErrorsFromServer,
  vacancyMonthsText,
} from '../../src/packages/bills/utils/vacancy-form';
import { bill, billDetail, line } from '../bill-fixtures';

const houses = [
  { bindingId: 5, houseId: 501, projectId: 1, label: '3栋1单元1201', relation: 'owner' },
  { bindingId: 6, houseId: 502, projectId: 1, label: '3栋1单元1202', relation: 'owner' },
];

describe('账单 tab: bills per house', () => {
  it("keeps the resident's house order, sorts each house newest month first and drops voided bills", () => {
    const groups = billsByHouse(
      [
        bill({ id: 1, houseId: 502, houseLabel: '3栋1单元1202', period: '2026-10' }),
        bill({ id: 2, houseId: 501, period: '2026-09' }),
        bill({ id: 3, houseId: 501, period: '2026-11' }),
        bill({ id: 4, houseId: 501, period: '2026-10', status: 'void' }),
        bill({ id: 5, houseId: 501, period: '2026-10' }),
      ],
      houses,
    );
    expect(groups.map((g) => g.houseLabel)).toEqual(['3栋1单元1201', '3栋1单元1202']);
    expect(groups[0].bills.map((b) => b.id)).toEqual([3, 5, 2]);
    expect(groups[1].bills.map((b) => b.id)).toEqual([1]);
  });

  it('a house with no published bill yet stays in the list (the page says so), and a bill of an unknown house is not lost', () => {
    const groups = billsByHouse([bill({ id: 9, houseId: 777, houseLabel: '9栋1单元101' })], houses);
    expect(groups.map((g) => [g.houseId, g.bills.length])).toEqual([
      [501, 0],
      [502, 0],
      [777, 1],
    ]);
  });

  it("the arrears of a house are the server's figure on its newest bill", () => {
    const [group] = billsByHouse(
      [bill({ id: 1, period: '2026-10', arrearsFen: 100 }), bill({ id: 2, period: '2026-11', arrearsFen: 19800 })],
      houses,
    );
    expect(houseArrearsFen(group)).toBe(19800);
    expect(houseArrearsFen({ houseId: 1, houseLabel: '', bills: [] })).toBe(0);
  });

  it('what is left to pay is total − paid, never negative', () => {
    expect(dueFen(bill({ totalFen: 26780, paidFen: 10000 }))).toBe(16780);
    expect(dueFen(bill({ totalFen: 100, paidFen: 150 }))).toBe(0);
  });

  it('the home card shows the newest unpaid bill and counts the others; nothing when all are paid', () => {
    const bills = [
      bill({ id: 1, period: '2026-09', payState: 'paid', paidFen: 26780 }),
      bill({ id: 2, period: '2026-10' }),
      bill({ id: 3, period: '2026-11', payState: 'partial', paidFen: 780 }),
    ];
    expect(billDue(bills)).toEqual({ bill: bills[2], count: 2 });
    expect(billDue([bills[0]])).toBeNull();
    expect(billDue([])).toBeNull();
  });

  it('periods and dates read as a resident writes them', () => {
    expect(formatPeriod('2026-03')).toBe('2026年3月');
    expect(formatPeriod('weird')).toBe('weird');
    expect(formatDay('2026-12-31')).toBe('2026-12-31');
    expect(formatDay(null)).toBe('');
  });
});

describe('账单详情: lines in sections', () => {
  it('groups in reading order with subtotals; the waived late fee is listed but not owed; the sections add up to the total', () => {
    const detail = billDetail();
    const groups = groupLines(detail.lines);
    expect(groups.map((g) => [g.title, g.subtotalFen])).toEqual([
      ['物业服务费', 21033],
      ['抄表费用', 4200],
      ['公摊费用', 1237],
      ['特约服务', 6500],
      ['优惠', -6310],
      ['滞纳金', 120],
    ]);
    expect(groups.find((g) => g.key === 'late')?.lines).toHaveLength(2);
    expect(groups.reduce((sum, g) => sum + g.subtotalFen, 0)).toBe(detail.totalFen);
    expect(linesTotalFen(detail.lines)).toBe(detail.totalFen);
  });

  it('fixed and per-space items share one section; a kind this page does not know still shows under 其他', () => {
    const groups = groupLines([
      line('per_space', '车位管理费', 6000),
      line('fixed', '公共能耗费', 1000),
      line('prepay_bonus' as never, '预存赠送', -500),
    ]);
    expect(groups.map((g) => [g.title, g.lines.map((l) => l.name), g.subtotalFen])).toEqual([
      ['其他月度费用', ['车位管理费', '公共能耗费'], 7000],
      ['其他', ['预存赠送'], -500],
    ]);
  });

  it('earlier months owed are listed oldest first and are not part of the bill', () => {
    const detail = billDetail({
      arrears: [
        { billId: 30, period: '2026-10', owedFen: 19800 },
        { billId: 28, period: '2026-08', owedFen: 100 },
      ],
    });
    expect(arrearsRows(detail).map((a) => a.period)).toEqual(['2026-08', '2026-10']);
    expect(linesTotalFen(detail.lines)).toBe(detail.totalFen);
  });

  it('a line says how its amount came about', () => {
    expect(lineBasis(line('property_fee', '物业服务费', 21033, { quantityText: '89.50 ㎡', unitPriceFen: 235 }))).toBe(
      '89.50 ㎡ × ¥2.35',
    );
    expect(lineBasis(line('shared', '公摊电费', 1237, { quantityText: '按面积分摊' }))).toBe('按面积分摊');
    expect(lineBasis(line('adjustment', '调整', -100))).toBe('');
  });
});

describe('空置房申请 form', () => {
  const ok = { houseId: 501, fromPeriod: '2026-12', toPeriod: '2027-02', reason: '  在外地工作 ' };

  it('accepts a filled-in form', () => {
    expect(validateVacancy(ok, '2026-12')).toEqual({});
  });

  it('names each missing or wrong field', () => {
    expect(
      validateVacancy({ houseId: null, fromPeriod: '2026-12', toPeriod: '2026-11', reason: '   ' }, '2026-12'),
    ).toEqual({
      houseId: '请选择房屋',
      toPeriod: '结束月份不能早于开始月份',
      reason: '请填写空置原因',
    });
    expect(validateVacancy({ ...ok, reason: '空'.repeat(201) }, '2026-12').reason).toBe('空置原因最多 200 字');
  });

  it('refuses months already billed and more than 12 months at once, as the server does', () => {
    expect(validateVacancy(ok, '2027-01').fromPeriod).toBe('开始月份不能早于本月：已出账的月份不再减免');
    expect(validateVacancy({ ...ok, toPeriod: '2027-11' }, '2026-12')).toEqual({});
    expect(validateVacancy({ ...ok, toPeriod: '2027-12' }, '2026-12').toPeriod).toBe('一次最多申请 12 个月');
  });

  it("puts the server's field errors on their fields and the rest above the button", () => {
    expect(
      vacancyErrorsFromServer([
        { field: 'fromPeriod', message: '开始月份不能早于本月' },
        { field: 'houseId', message: '该房屋已有重叠的空置申请' },
        { field: 'something', message: '其他错误' },
      ]),
    ).toEqual({ fromPeriod: '开始月份不能早于本月', houseId: '该房屋已有重叠的空置申请', form: '其他错误' });
  });

  it('months read as a span with their count', () => {
    expect(vacancyMonthsText('2026-12', '2027-02', formatPeriod)).toBe('2026年12月–2027年2月（3 个月）');
    expect(vacancyMonthsText('2026-12', '2026-12', formatPeriod)).toBe('2026年12月');
  });
});

describe('paying chosen lines of a bill', () => {
  it('offers the owed positive lines of an unpaid published bill; the chosen total never exceeds what is due', () => {
    const detail = billDetail();
    const choosable = choosableLines(detail);
    expect(choosable.map((l) => l.name)).toEqual([
      '物业服务费',
      '水费',
      '公摊电费',
      '特约服务：马桶水箱配件更换',
      '滞纳金（2026年10月账单）',
    ]);
    const all = new Set(choosable.map((l) => l.id));
    expect(chosenFen(detail, all)).toBe(26780);
    expect(chosenFen(detail, new Set([choosable[1].id, choosable[2].id]))).toBe(4200 + 1237);
    expect(chosenFen(detail, new Set())).toBe(0);
    // A discount's id is ignored: it cannot be chosen.
    expect(chosenFen(detail, new Set([detail.lines[4].id]))).toBe(0);
  });

  it('the target is the whole bill unless a strict subset of the lines is chosen', () => {
    const detail = billDetail();
    const ids = choosableLines(detail).map((l) => l.id);
    expect(billTarget(detail, null)).toEqual({ kind: 'bill', id: 31 });
    expect(billTarget(detail, new Set(ids))).toEqual({ kind: 'bill', id: 31 });
    expect(billTarget(detail, new Set([ids[3], ids[0]]))).toEqual({ kind: 'bill', id: 31, lineIds: [ids[0], ids[3]] });
  });

  it('no line choice once something was paid on the bill, nor on a bill not published', () => {
    expect(choosableLines(billDetail({ paidFen: 100, payState: 'partial' }))).toEqual([]);
    expect(choosableLines(billDetail({ status: 'void' }))).toEqual([]);
  });
});
