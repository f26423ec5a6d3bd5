/**
 * Subscribe-message field values per wechat.md §A4: each key's type is its prefix (`thing1` → thing). A value
 * is cleaned (control characters and newlines removed), truncated to the type's limit where truncation keeps
 * it meaningful, and rejected (null) where it cannot be made valid — a 47003 is a bug, so we never send one.
 */
export type FieldType =
  | 'thing'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'character_string'
  | 'time'
  | 'date'
  | 'amount'
  | 'phone_number'
  | 'car_number'
  | 'name'
  | 'phrase';

const TYPES: FieldType[] = [
  'character_string',
  'phone_number',
  'car_number',
  'thing',
  'number',
  'letter',
  'symbol',
  'time',
  'date',
  'amount',
  'name',
  'phrase',
];

export function fieldType(key: string): FieldType | null {
  const m = /^([a-z_]+?)(\d+)$/.exec(key);
  return m && (TYPES as string[]).includes(m[1]!) ? (m[1] as FieldType) : null;
}

const CHINESE = /[\u3400-\u9fff\uf900-\ufaff]/;
const chars = (s: string) => [...s];
const cut = (s: string, n: number) => chars(s).slice(0, n).join('');

export function clean(raw: string): string {
  return (
    raw
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
/** China wall-clock text of an instant: `2026-11-01 15:01`. */
export function chinaTime(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The value WeChat will accept for this key, or null when none can be made from `raw`. */
export function fieldValue(key: string, raw: string): string | null {
  const type = fieldType(key);
  if (!type) return null;
  const v = clean(raw);
  if (!v) return null; // "is emtpy" → 47003
  switch (type) {
    case 'thing':
      return cut(v, 20);
    case 'number': {
      const n = v.replace(/[^\d.]/g, '');
      return /^\d+(\.\d+)?$/.test(n) && n.replace('.', '').length <= 32 ? n : null;
    }
    case 'letter': {
      const n = v.replace(/[^A-Za-z]/g, '');
      return n ? n.slice(0, 32) : null;
    }
    case 'symbol': {
      const n = v.replace(/[A-Za-z0-9\s\u3400-\u9fff]/g, '');
      return n ? cut(n, 5) : null;
    }
    case 'character_string': {
      // No Chinese: drop it rather than fail the whole message.
      const n = chars(v)
        .filter((c) => !CHINESE.test(c) && c.charCodeAt(0) < 0x7f && c !== ' ')
        .join('');
      return n ? n.slice(0, 32) : null;
    }
    case 'time':
    case 'date':
      return /^\d{4}[-年]\d{1,2}[-月]\d{1,2}日?( \d{1,2}:\d{2}(:\d{2})?)?(~.+)?$|^\d{1,2}:\d{2}(~\d{1,2}:\d{2})?$/.test(
        v,
      )
        ? v
        : null;
    case 'amount':
      return /^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(v) ? v : null;
    case 'phone_number': {
      const n = v.replace(/[^\d+\-()]/g, '');
      return n ? n.slice(0, 17) : null;
    }
    case 'car_number':
      return cut(v.replace(/\s/g, ''), 8);
    case 'name': {
      if (CHINESE.test(v)) {
        const n = chars(v)
          .filter((c) => CHINESE.test(c) || c === '·')
          .join('');
        return n ? cut(n, 10) : null;
      }
      return v.slice(0, 20);
    }
    case 'phrase': {
      const n = chars(v)
        .filter((c) => CHINESE.test(c))
        .join('');
      return n ? cut(n, 5) : null;
    }
  }
}

/**
 * The `data` object of one send: every key valid or the whole message refused (returns the bad key), so an
 * invalid field is caught here instead of as a 47003 from WeChat.
 */
export function buildData(
  values: Record<string, string>,
): { data: Record<string, { value: string }> } | { invalid: string } {
  const data: Record<string, { value: string }> = {};
  for (const [key, raw] of Object.entries(values)) {
    const value = fieldValue(key, raw);
    if (value === null) return { invalid: key };
    data[key] = { value };
  }
  return { data };
}
