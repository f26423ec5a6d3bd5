/** Small HTTP helpers shared by the stand-in's handlers. */
export type Reply =
  { status: number; body?: unknown; raw?: Buffer; contentType?: string; headers?: Record<string, string> } | 'hold';

export const ERR = (status: number, code: string, message: string) => ({ status, body: { code, message } });

export function json(raw: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** out_trade_no / out_refund_no: 6–32 of [0-9A-Za-z_-|*] (§A7.1). */
export const OUT_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;

export const html = (status: number, text: string): Reply => ({
  status,
  raw: Buffer.from(text, 'utf8'),
  contentType: 'text/html; charset=utf-8',
});
