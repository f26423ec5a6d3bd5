import { describe, expect, it } from 'vitest';
import { Role, type ICashOutstandingEntry, type IFeeItem } from '@app/shared';
import { ApiError } from '../../src/api/api-error';
import {
  canRecordPhoneConfirmation,
  confirmationView,
  phoneConfirmErrorMessage,
  validatePhoneNote,
} from '../../src/pages/charges/confirmation-logic';
import {
  budgetView,
  counterEstimate,
  groupByTechnician,
  selectedTotalFen,
  waiverErrorMessage,
} from '../../src/pages/cash/charge-logic';

const entry = (
  chargeId: number,
  technicianId: number,
  technicianName: string,
  amountFen: number,
): ICashOutstandingEntry => ({
  chargeId,
  technicianId,
  technicianName,
  amountFen,
  projectId: 1,
  houseLabel: null,
  ticketSerial: null,
  collectedAt: '2026-03-01T02:00:00Z',
  residentConfirmed: true,
});

describe('cash hand-over', () => {
  it('groups outstanding cash per technician, most owed first, summing in fen', () => {
    const groups = groupByTechnician([
      entry(1, 10, '王师傅', 2990),
      entry(2, 11, '李师傅', 5000),
      entry(3, 10, '王师傅', 2011),
    ]);
    expect(groups.map((g) => [g.technicianName, g.totalFen, g.entries.length])).toEqual([
      ['王师傅', 5001, 2],
      ['李师傅', 5000, 1],
    ]);
    expect(selectedTotalFen(groups[0], [3])).toBe(2011);
    expect(selectedTotalFen(groups[0], [])).toBe(0);
    expect(groupByTechnician([])).toEqual([]);
  });
});

describe('counter sale estimate', () => {
  const items = [
    { code: 'DY-001', name: '黑白打印', unit: '张', labourPriceFen: 50, callOutFeeFen: null },
    { code: 'DY-002', name: '彩色打印', unit: '张', labourPriceFen: 200, callOutFeeFen: null },
  ] as IFeeItem[];

  it('prices with the shared quote rules (integer fen × thousandths)', () => {
    expect(
      counterEstimate(items, [
        { key: 1, code: 'DY-001', quantity: '12' },
        { key: 2, code: 'DY-002', quantity: '3' },
      ]),
    ).toEqual({ totalFen: 1200, valid: true });
    expect(counterEstimate(items, [{ key: 1, code: 'DY-001', quantity: '0.5' }])).toEqual({
      totalFen: 25,
      valid: true,
    });
  });

  it('is not valid with nothing picked, a bad quantity or an unknown item', () => {
    expect(counterEstimate(items, [{ key: 1, code: null, quantity: '1' }]).valid).toBe(false);
    expect(counterEstimate(items, [{ key: 1, code: 'DY-001', quantity: 'x' }]).valid).toBe(false);
    expect(counterEstimate(items, [{ key: 1, code: 'ZZ-9', quantity: '1' }]).valid).toBe(false);
  });
});

describe('waivers', () => {
  it('shows the month budget as used / cap', () => {
    expect(budgetView({ month: '2026-03', capFen: 20000, usedFen: 5050, remainingFen: 14950 })).toEqual({
      percent: 25,
      status: 'normal',
      text: '已用 ¥50.50 / 上限 ¥200.00，剩余 ¥149.50',
    });
    expect(budgetView({ month: '2026-03', capFen: 20000, usedFen: 20000, remainingFen: 0 }).status).toBe('exception');
    expect(budgetView({ month: '2026-03', capFen: 0, usedFen: 0, remainingFen: 0 }).percent).toBe(100);
  });

  it('explains WAIVER_CAP_EXCEEDED with the numbers, and other refusals', () => {
    const capped = new ApiError('WAIVER_CAP_EXCEEDED', 'server', 422, {
      capFen: 20000,
      usedFen: 18000,
      remainingFen: 2000,
    });
    expect(waiverErrorMessage(capped)).toBe(
      '超出本月免收额度：每月上限 ¥200.00，已用 ¥180.00，仅剩 ¥20.00。请改为正常收费或联系财务中心。',
    );
    expect(waiverErrorMessage(new ApiError('WAIVER_CAP_EXCEEDED', '本月免收额度不足', 422))).toBe('本月免收额度不足');
    expect(waiverErrorMessage(new ApiError('STATE_CONFLICT', 'x', 409))).toMatch(/已被处理/);
    expect(
      waiverErrorMessage(
        new ApiError('VALIDATION_FAILED', 'x', 422, { fields: [{ field: 'reason', message: '请填写免收原因' }] }),
      ),
    ).toBe('请填写免收原因');
  });
});

describe('charge confirmation (signatures on a staff device)', () => {
  it('shows 未确认 until the resident confirms, then how it was confirmed', () => {
    expect(confirmationView({ confirmation: 'unconfirmed', confirmedVia: null })).toMatchObject({
      label: '未确认',
      color: 'red',
    });
    expect(confirmationView({ confirmation: 'confirmed', confirmedVia: 'phone_by_customer_manager' })).toEqual({
      label: '已确认',
      color: 'green',
      detail: '客户经理记录电话确认',
    });
    expect(confirmationView({ confirmation: 'confirmed', confirmedVia: 'resident_app' }).detail).toBe(
      '业主在小程序确认',
    );
  });

  it('lets only the customer manager record a phone confirmation, only while unconfirmed', () => {
    expect(canRecordPhoneConfirmation({ confirmation: 'unconfirmed' }, [Role.CustomerManager])).toBe(true);
    expect(canRecordPhoneConfirmation({ confirmation: 'confirmed' }, [Role.CustomerManager])).toBe(false);
    expect(canRecordPhoneConfirmation({ confirmation: 'unconfirmed' }, [Role.ProjectManager, Role.Finance])).toBe(
      false,
    );
  });

  it('requires a note of the call and explains a charge confirmed meanwhile', () => {
    expect(validatePhoneNote('  ')).toMatch(/请填写电话确认/);
    expect(validatePhoneNote('x'.repeat(201))).toMatch(/200/);
    expect(validatePhoneNote('15:10 致电业主本人确认')).toBeNull();
    expect(phoneConfirmErrorMessage(new ApiError('STATE_CONFLICT', '该费用已确认，无需再记录电话确认', 409))).toMatch(
      /已确认/,
    );
  });
});
