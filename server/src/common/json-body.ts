/**
 * How deeply a request body may nest objects and arrays. Our deepest body is three levels (a quote:
 * body → items[] → item); 32 leaves room for any future shape. A deeper body is an attack, not a request:
 * parsing it, transforming it to a DTO (class-transformer recurses) or logging it can exhaust the stack,
 * which used to surface as a 500. It is refused with 400 before JSON.parse runs.
 */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of `{`/`[` in a JSON text, counted without recursion; strings are skipped. */
export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
