// Stand-in for the residents' bill routes (/api/bills/mine…, docs/api.md) and for the one request a bill line points to,
// used by h5-bills.e2e.test.mjs when no real server is given. The real server's journey seeds a run and publishes it;
// this tells the same story: 张伟's November bill with 物业费, 水费, 公摊, the ¥65.00 马桶水箱 repair (signed quote),
// a 空置房 discount and a late fee, October unpaid (arrears), September paid.
const TICKET_ID = 9001;
const SIGNATURE_SVG = `data:image/svg+xml;utf8,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><path d="M20 80 C60 10 90 110 130 50 S200 20 230 80 260 60 280 40" fill="none" stroke="#111" stroke-width="4"/></svg>',
)}`;

function line(id, kind, name, amountFen, extra = {}) {
  return {
    id,
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
    ...extra,
  };
}

function billsFor(house) {
  const base = {
    projectId: house.projectId,
    houseId: house.houseId,
    houseLabel: house.label,
    status: 'published',
    dueDate: '2026-12-31',
    contentHash: 'c'.repeat(64),
  };
  const november = {
    ...base,
    id: 703,
    period: '2026-11',
    payState: 'unpaid',
    paidFen: 0,
    arrearsFen: 19800,
    publishedAt: '2026-12-01T02:00:00.000Z',
    lines: [
      line(1, 'property_fee', '物业服务费', 21033, { itemCode: 'WY', quantityText: '89.50 ㎡', unitPriceFen: 235 }),
      line(2, 'metered', '水费', 4200, { itemCode: 'SF', quantityText: '12.000 吨', unitPriceFen: 350 }),
      line(3, 'shared', '公摊电费', 1237, { itemCode: 'GTD', quantityText: '按面积分摊' }),
      line(4, 'charge', '特约服务：马桶水箱配件更换', 6500, {
        chargeId: 88,
        ticketId: TICKET_ID,
        ticketSerial: 'YGHY-261108-0003',
        quantityText: '1 次',
      }),
      line(5, 'vacancy_discount', '空置房优惠（30%）', -6310, { itemCode: 'WY', quantityText: '物业服务费 × 30%' }),
      line(6, 'late_fee', '滞纳金（2026年9月账单）', 500, { waived: true, quantityText: '已由项目经理减免' }),
      line(7, 'late_fee', '滞纳金（2026年10月账单）', 120, { quantityText: '¥198.00 × 0.05% × 12 天' }),
    ],
    arrears: [{ billId: 702, period: '2026-10', owedFen: 19800 }],
  };
  november.totalFen = november.lines.reduce((s, l) => s + (l.waived ? 0 : l.amountFen), 0);
  const october = {
    ...base,
    id: 702,
    period: '2026-10',
    payState: 'unpaid',
    totalFen: 19800,
    paidFen: 0,
    arrearsFen: 0,
    publishedAt: '2026-11-01T02:00:00.000Z',
    lines: [
      line(11, 'property_fee', '物业服务费', 21033, { quantityText: '89.50 ㎡', unitPriceFen: 235 }),
      line(12, 'vacancy_discount', '空置房优惠（30%）', -1233),
    ],
    arrears: [],
  };
  const september = {
    ...base,
    id: 701,
    period: '2026-09',
    payState: 'paid',
    totalFen: 21033,
    paidFen: 21033,
    arrearsFen: 0,
    publishedAt: '2026-10-01T02:00:00.000Z',
    lines: [line(21, 'property_fee', '物业服务费', 21033, { quantityText: '89.50 ㎡', unitPriceFen: 235 })],
    arrears: [],
  };
  return [november, october, september];
}

function ticket(house) {
  const at = '2026-11-08T03:00:00.000Z';
  const quoteLines = [
    {
      kind: 'labour',
      code: 'GS-008',
      name: '马桶水箱配件更换',
      unit: '次',
      unitPriceFen: 3500,
      quantityMilli: 1000,
      amountFen: 3500,
    },
    {
      kind: 'material',
      code: 'CL-021',
      name: '进水阀（通用型）',
      unit: '个',
      unitPriceFen: 3000,
      quantityMilli: 1000,
      amountFen: 3000,
    },
  ];
  return {
    id: TICKET_ID,
    serial: 'YGHY-261108-0003',
    projectId: house.projectId,
    projectName: '阳光花园',
    houseId: house.houseId,
    houseLabel: house.label.replace(/^阳光花园 /, ''),
    kind: 'repair',
    scope: 'home',
    paid: true,
    category: 'GS',
    feeItemCode: null,
    urgency: 'normal',
    description: '主卫马桶水箱一直有流水声，按钮按下去回弹很慢。',
    channel: 'miniapp',
    status: 'closed',
    version: 9,
    onHold: false,
    holdReason: null,
    technician: { userId: 21, name: '王师傅', phoneMasked: '139****0001', phone: null },
    poolOpen: false,
    visitAt: at,
    reworkCount: 0,
    escalated: false,
    priceExplainedAt: null,
    preferredStart: null,
    preferredEnd: null,
    contactName: null,
    contactPhoneMasked: null,
    contactPhone: null,
    media: [],
    afterMedia: [],
    result: '更换进水阀，试水正常',
    agreedTotalFen: 6500,
    quote: {
      id: 1,
      seq: 1,
      status: 'agreed',
      lines: quoteLines,
      totalFen: 6500,
      scheduleVersionId: 1,
      materialsVersionId: 1,
      snapshotHash: 'q'.repeat(64),
      createdAt: at,
    },
    signatures: [
      {
        id: 1,
        purpose: 'quote_agreement',
        signerName: '张伟',
        relation: 'owner',
        snapshotHash: 'q'.repeat(64),
        imageSha256: 's'.repeat(64),
        collectedByTechnician: false,
        signedAt: '2026-11-08T03:20:00.000Z',
        image: { id: 1, url: SIGNATURE_SVG, thumbUrl: SIGNATURE_SVG, expiresAt: '2099-01-01T00:00:00.000Z' },
      },
    ],
    acceptanceSnapshotHash: null,
    ratings: null,
    reply: null,
    cancelReason: null,
    chargeId: 88,
    chargeConfirmation: 'confirmed',
    customerManager: null,
    createdAt: at,
    updatedAt: at,
    actions: [],
  };
}

/** `housesOf(userId)` gives the user's approved houses (IMe.houses); the first one has the bills. */
export function createBillsStub(housesOf) {
  const vacancies = [];
  const ok = (body, status = 200) => ({ status, body });
  const error = (status, code, message, details) => ({ status, error: { code, message, details } });
  return {
    async route(method, pathname, userId, readBody) {
      const house = housesOf(userId)[0];
      const bills = house ? billsFor(house) : [];
      let m;
      if (method === 'GET' && pathname === '/api/bills/mine')
        return ok(bills.map(({ lines: _lines, arrears: _arrears, contentHash: _hash, ...b }) => b));
      if (method === 'GET' && pathname === '/api/bills/mine/vacancies')
        return ok(vacancies.filter((v) => v.appliedBy === userId));
      if (method === 'POST' && pathname === '/api/bills/mine/vacancies') {
        const body = await readBody();
        const own = housesOf(userId).find((h) => h.houseId === body.houseId);
        if (!own)
          return error(422, 'VALIDATION_FAILED', '请检查填写的内容', {
            fields: [{ field: 'houseId', message: '只能为自己认证的房屋申请' }],
          });
        const row = {
          id: vacancies.length + 1,
          projectId: own.projectId,
          houseId: own.houseId,
          houseLabel: own.label,
          fromPeriod: body.fromPeriod,
          toPeriod: body.toPeriod,
          discountPercent: 30,
          reason: body.reason,
          status: 'pending',
          appliedBy: userId,
          appliedAt: new Date().toISOString(),
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
        };
        vacancies.unshift(row);
        return ok(row, 201);
      }
      if (method === 'GET' && (m = /^\/api\/bills\/mine\/(\d+)$/.exec(pathname))) {
        const found = bills.find((b) => b.id === Number(m[1]));
        return found ? ok(found) : error(404, 'NOT_FOUND', '账单不存在');
      }
      if (house && method === 'GET' && pathname === '/api/payments/mine/payables') {
        // Open items for 一键缴清, oldest first (the stub pays nothing: the pay journey runs against the real server).
        const items = bills
          .filter((b) => b.payState !== 'paid')
          .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))
          .map((b) => ({
            kind: 'bill',
            id: b.id,
            projectId: b.projectId,
            houseId: b.houseId,
            title: `${b.period} 物业账单`,
            period: b.period,
            ticketSerial: null,
            totalFen: b.totalFen,
            paidFen: b.paidFen,
            balanceFen: b.totalFen - b.paidFen,
            dueSince: b.publishedAt,
          }));
        return ok({
          houseId: house.houseId,
          houseLabel: house.label,
          items,
          totalBalanceFen: items.reduce((s, i) => s + i.balanceFen, 0),
          prepayBalanceFen: 0,
        });
      }
      if (house && method === 'GET' && pathname === `/api/tickets/${TICKET_ID}`) return ok(ticket(house));
      if (house && method === 'GET' && pathname === `/api/tickets/${TICKET_ID}/timeline`) return ok([]);
      return null;
    },
  };
}
