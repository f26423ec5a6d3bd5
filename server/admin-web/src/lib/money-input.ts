import { LIMITS, fenToYuanString, formatFen, parseQuantity, parseYuanToFen } from '@app/shared';

/** The largest price the server accepts (LIMITS.unitPriceFen, ¥100,000); callers pass a tighter one where the server has one. */
export const MAX_AMOUNT_FEN = LIMITS.unitPriceFen;

export type YuanParse = { ok: true; fen: number | null } | { ok: false; message: string };

/**
 * A yuan amount typed by a person → integer fen, by string arithmetic only ("0.29" is 29 fen, never 28).
 * Empty is allowed only for optional amounts (上门费), and then means "none".
 */
export function parseYuanInput(
  text: string | null | undefined,
  optional = false,
  maxFen: number = MAX_AMOUNT_FEN,
): YuanParse {
  const trimmed = (text ?? '').trim().replace(/^¥/, '').replace(/,/g, '');
  if (!trimmed) return optional ? { ok: true, fen: null } : { ok: false, message: '请填写金额' };
  const fen = parseYuanToFen(trimmed);
  if (fen === null) return { ok: false, message: '请输入金额（元），最多两位小数，如 35 或 35.50' };
  if (fen < 0) return { ok: false, message: '金额不能为负数' };
  if (fen > maxFen) return { ok: false, message: `金额不能超过 ${formatFen(maxFen)}` };
  return { ok: true, fen };
}

/** Fen → the text shown in a yuan input ("" for none). */
export function fenToInput(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '' : fenToYuanString(fen);
}

export type QuantityParse = { ok: true; quantityMilli: number } | { ok: false; message: string };

/** "1.5" → 1500 thousandths (how the API counts 米 / 小时 / 张), refusing zero and a 4th decimal. */
export function parseQuantityInput(text: string | null | undefined): QuantityParse {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return { ok: false, message: '请填写数量' };
  const quantityMilli = parseQuantity(trimmed);
  if (quantityMilli === null) return { ok: false, message: '数量须大于 0，最多三位小数' };
  if (quantityMilli > LIMITS.lineQuantityMilli)
    return { ok: false, message: `数量不能超过 ${LIMITS.lineQuantityMilli / 1000}` };
  return { ok: true, quantityMilli };
}
