import { assertFen, sumFen } from './money';

/** Quantities are integer thousandths (1.5 小时 → 1500) so 米/平方米/小时 can be fractional without floats. */
export const QUANTITY_SCALE = 1000;

export type QuoteLineKind = 'labour' | 'call_out' | 'material';

export interface IQuoteItemInput {
  /** Schedule item code, e.g. "GD-003". */
  code: string;
  name: string;
  unit: string;
  unitPriceFen: number;
  quantityMilli: number;
  callOutFeeFen?: number | null;
}

export interface IQuoteMaterialInput {
  /** Material code from the price list; property-supplied materials only. */
  code: string;
  name: string;
  unit: string;
  unitPriceFen: number;
  quantityMilli: number;
}

export interface IQuoteLine {
  kind: QuoteLineKind;
  code: string;
  name: string;
  unit: string;
  unitPriceFen: number;
  quantityMilli: number;
  amountFen: number;
}

export interface IQuote {
  lines: IQuoteLine[];
  labourFen: number;
  callOutFen: number;
  materialsFen: number;
  totalFen: number;
}

export function assertQuantityMilli(quantityMilli: number): number {
  if (!Number.isSafeInteger(quantityMilli) || quantityMilli <= 0 || quantityMilli > 1_000_000_000) {
    throw new RangeError(`quantity must be a positive whole number of thousandths, got ${quantityMilli}`);
  }
  return quantityMilli;
}

/** unit price × quantity, rounded half up exactly once, in integer arithmetic. */
export function lineAmountFen(unitPriceFen: number, quantityMilli: number): number {
  assertFen(unitPriceFen, 'unitPriceFen');
  if (unitPriceFen < 0) throw new RangeError('unitPriceFen cannot be negative');
  assertQuantityMilli(quantityMilli);
  const product = BigInt(unitPriceFen) * BigInt(quantityMilli);
  const scale = BigInt(QUANTITY_SCALE);
  return assertFen(Number((product * 2n + scale) / (2n * scale)), 'line amount');
}

/**
 * Quote = labour lines (schedule item × quantity) + one call-out fee (上门费, the highest of the items',
 * charged once per visit) + property-supplied material lines (material × quantity). Total = Σ lines.
 */
export function buildQuote(items: readonly IQuoteItemInput[], materials: readonly IQuoteMaterialInput[] = []): IQuote {
  const labour: IQuoteLine[] = items.map((item) => ({
    kind: 'labour',
    code: item.code,
    name: item.name,
    unit: item.unit,
    unitPriceFen: item.unitPriceFen,
    quantityMilli: item.quantityMilli,
    amountFen: lineAmountFen(item.unitPriceFen, item.quantityMilli),
  }));
  const callOutSource = items
    .filter((item) => (item.callOutFeeFen ?? 0) > 0)
    .reduce<IQuoteItemInput | null>(
      (best, item) => (!best || item.callOutFeeFen! > best.callOutFeeFen! ? item : best),
      null,
    );
  const callOut: IQuoteLine[] = callOutSource
    ? [
        {
          kind: 'call_out',
          code: callOutSource.code,
          name: '上门费',
          unit: '次',
          unitPriceFen: assertFen(callOutSource.callOutFeeFen!, 'callOutFeeFen'),
          quantityMilli: QUANTITY_SCALE,
          amountFen: callOutSource.callOutFeeFen!,
        },
      ]
    : [];
  const material: IQuoteLine[] = materials.map((m) => ({
    kind: 'material',
    code: m.code,
    name: m.name,
    unit: m.unit,
    unitPriceFen: m.unitPriceFen,
    quantityMilli: m.quantityMilli,
    amountFen: lineAmountFen(m.unitPriceFen, m.quantityMilli),
  }));
  const lines = [...labour, ...callOut, ...material];
  const sumOf = (kind: QuoteLineKind) => sumFen(lines.filter((l) => l.kind === kind).map((l) => l.amountFen));
  return {
    lines,
    labourFen: sumOf('labour'),
    callOutFen: sumOf('call_out'),
    materialsFen: sumOf('material'),
    totalFen: sumFen(lines.map((l) => l.amountFen)),
  };
}

/** "1.5" → 1500; at most three decimals; null when malformed or not positive. */
export function parseQuantity(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,3}))?\s*$/.exec(text);
  if (!m) return null;
  const value = Number(m[1]) * QUANTITY_SCALE + Number((m[2] ?? '').padEnd(3, '0'));
  return value > 0 ? value : null;
}

export function formatQuantity(quantityMilli: number): string {
  const whole = Math.floor(quantityMilli / QUANTITY_SCALE);
  const frac = (quantityMilli % QUANTITY_SCALE).toString().padStart(3, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}
