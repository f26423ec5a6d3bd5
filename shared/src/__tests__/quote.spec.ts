import fc from 'fast-check';
import {
  buildQuote,
  formatQuantity,
  IQuoteItemInput,
  IQuoteMaterialInput,
  lineAmountFen,
  parseQuantity,
} from '../quote';

const item = (over: Partial<IQuoteItemInput> = {}): IQuoteItemInput => ({
  code: 'GS-001',
  name: '水龙头更换',
  unit: '个',
  unitPriceFen: 3000,
  quantityMilli: 1000,
  ...over,
});

describe('quote calculator', () => {
  it('prices labour, one call-out fee and property-supplied materials', () => {
    const quote = buildQuote(
      [
        item({ quantityMilli: 2000, callOutFeeFen: 1000 }),
        item({ code: 'GD-002', name: '开关更换', unitPriceFen: 1500, callOutFeeFen: 2000 }),
      ],
      [{ code: 'M-01', name: '水龙头', unit: '个', unitPriceFen: 4550, quantityMilli: 2000 }],
    );
    expect(quote.lines.map((l) => [l.kind, l.amountFen])).toEqual([
      ['labour', 6000],
      ['labour', 1500],
      ['call_out', 2000],
      ['material', 9100],
    ]);
    expect(quote).toMatchObject({ labourFen: 7500, callOutFen: 2000, materialsFen: 9100, totalFen: 18600 });
  });

  it('rounds fractional quantities half up once per line', () => {
    expect(lineAmountFen(333, 1500)).toBe(500); // 4.995 yuan → 5.00
    expect(lineAmountFen(1, 500)).toBe(1); // 0.005 fen → rounds up to 1 fen
    expect(lineAmountFen(1, 499)).toBe(0);
  });

  it('refuses non-integer prices and non-positive quantities', () => {
    expect(() => lineAmountFen(10.5, 1000)).toThrow(RangeError);
    expect(() => lineAmountFen(100, 0)).toThrow(RangeError);
    expect(() => lineAmountFen(-1, 1000)).toThrow(RangeError);
  });

  it('parses and formats quantities without floats', () => {
    expect(parseQuantity('1.5')).toBe(1500);
    expect(parseQuantity('2')).toBe(2000);
    expect(parseQuantity('0')).toBeNull();
    expect(parseQuantity('1.2345')).toBeNull();
    expect(formatQuantity(1500)).toBe('1.5');
    expect(formatQuantity(2000)).toBe('2');
  });

  const itemArb = fc.record({
    code: fc.string({ minLength: 1, maxLength: 8 }),
    name: fc.string({ maxLength: 8 }),
    unit: fc.constantFrom('次', '小时', '个', '米', '平方米'),
    unitPriceFen: fc.integer({ min: 0, max: 10_000_000 }),
    quantityMilli: fc.integer({ min: 1, max: 1_000_000 }),
    callOutFeeFen: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
  });
  const materialArb: fc.Arbitrary<IQuoteMaterialInput> = fc.record({
    code: fc.string({ minLength: 1, maxLength: 8 }),
    name: fc.string({ maxLength: 8 }),
    unit: fc.constantFrom('个', '米'),
    unitPriceFen: fc.integer({ min: 0, max: 1_000_000 }),
    quantityMilli: fc.integer({ min: 1, max: 100_000 }),
  });

  it('Σ lines = total = labour + call-out + materials, all integer fen (property)', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 20 }),
        fc.array(materialArb, { maxLength: 20 }),
        (items, materials) => {
          const q = buildQuote(items, materials);
          const sum = q.lines.reduce((n, l) => n + l.amountFen, 0);
          return (
            sum === q.totalFen &&
            q.labourFen + q.callOutFen + q.materialsFen === q.totalFen &&
            q.lines.every((l) => Number.isSafeInteger(l.amountFen) && l.amountFen >= 0) &&
            q.lines.filter((l) => l.kind === 'call_out').length <= 1
          );
        },
      ),
    );
  });

  it('each line is within half a fen of the exact product (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (price, qty) => {
        const exactTimes1000 = BigInt(price) * BigInt(qty);
        const diff = BigInt(lineAmountFen(price, qty)) * 1000n - exactTimes1000;
        return diff <= 500n && diff > -500n;
      }),
    );
  });
});
