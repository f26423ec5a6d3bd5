import type { IBill, IBillDetail, IBillLine, IVacancyApplication } from '@app/shared';

export function bill(overrides: Partial<IBill> = {}): IBill {
  return {
    id: 31,
    projectId: 1,
    houseId: 501,
    houseLabel: '3栋1单元1201',
    period: '2026-11',
    status: 'published',
    payState: 'unpaid',
    totalFen: 26780,
    paidFen: 0,
    arrearsFen: 0,
    publishedAt: '2026-12-01T02:00:00.000Z',
    dueDate: '2026-12-31',
    ...overrides,
  };
}

let lineId = 0;
export function line(
  kind: IBillLine['kind'],
  name: string,
  amountFen: number,
  overrides: Partial<IBillLine> = {},
): IBillLine {
  return {
    id: ++lineId,
    kind,
    itemCode: null,
    name,
    quantityText: '',
    unitPriceFen: null,
    amountFen,
    chargeId: null,
    ticketId: null,
    ticketSerial: null,
    waived: false,
    ...overrides,
  };
}

/**
 * November for 3栋1单元1201: 物业费 89.50 ㎡ × ¥2.35 = ¥210.33, 水费, 公摊电费, a 特约服务 charge of ¥65.00, the
 * vacancy discount −¥63.10, a waived late fee and one owed. Σ owed lines = 26780 fen; October (¥198.00) is in arrears.
 */
export function billDetail(overrides: Partial<IBillDetail> = {}): IBillDetail {
  const lines = [
    line('property_fee', '物业服务费', 21033, { itemCode: 'WY', quantityText: '89.50 ㎡', unitPriceFen: 235 }),
    line('metered', '水费', 4200, { itemCode: 'SF', quantityText: '12.000 吨', unitPriceFen: 350 }),
    line('shared', '公摊电费', 1237, { itemCode: 'GT', quantityText: '按面积分摊' }),
    line('charge', '特约服务：马桶水箱配件更换', 6500, {
      chargeId: 9,
      ticketId: 12,
      ticketSerial: 'YGHY-261108-0003',
      quantityText: '1 次',
    }),
    line('vacancy_discount', '空置房优惠（30%）', -6310, { itemCode: 'WY' }),
    line('late_fee', '滞纳金（2026年9月账单）', 500, { waived: true }),
    line('late_fee', '滞纳金（2026年10月账单）', 120),
  ];
  return {
    ...bill({ arrearsFen: 19800 }),
    lines,
    arrears: [{ billId: 30, period: '2026-10', owedFen: 19800 }],
    contentHash: 'a'.repeat(64),
    ...overrides,
  };
}

export function vacancyApp(overrides: Partial<IVacancyApplication> = {}): IVacancyApplication {
  return {
    id: 4,
    projectId: 1,
    houseId: 501,
    houseLabel: '3栋1单元1201',
    fromPeriod: '2026-09',
    toPeriod: '2026-11',
    discountPercent: 30,
    reason: '装修前空置',
    status: 'approved',
    appliedBy: 11,
    appliedAt: '2026-08-28T02:00:00.000Z',
    decidedBy: 21,
    decidedAt: '2026-08-30T02:00:00.000Z',
    decisionNote: null,
    ...overrides,
  };
}
