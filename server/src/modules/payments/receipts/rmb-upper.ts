const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL = ['', '拾', '佰', '仟'];
const BIG = ['', '万', '亿'];

/** A group of four digits (0–9999) in capitals; leading/inner zeros collapse to one 零. */
function group(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + SMALL[i];
  }
  return out;
}

/**
 * 人民币大写 as written on Chinese receipts (¥250.05 → 人民币贰佰伍拾元零伍分, ¥250.00 → 人民币贰佰伍拾元整), from
 * integer fen only, so a receipt never shows a rounded amount.
 */
export function rmbUpper(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new Error(`rmbUpper: ${fen} is not a non-negative integer fen`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let integer = '';
  if (yuan === 0) integer = '';
  else {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
    let needZero = false;
    for (let i = groups.length - 1; i >= 0; i--) {
      const g = groups[i];
      if (g === 0) {
        needZero = integer !== '';
        continue;
      }
      if (integer && (needZero || g < 1000)) integer += '零';
      integer += group(g) + BIG[i];
      needZero = false;
    }
    integer += '元';
  }
  if (!jiao && !cents) return `人民币${integer || '零元'}整`;
  let tail = '';
  if (jiao) tail += `${DIGITS[jiao]}角`;
  else if (integer) tail += '零';
  if (cents) tail += `${DIGITS[cents]}分`;
  return `人民币${integer}${tail}`;
}
