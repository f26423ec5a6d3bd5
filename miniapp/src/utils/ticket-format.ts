/** "2026-11-22T08:36:42.800Z" → "11-22 16:36" in the phone's time zone (tickets are about this week, not this decade). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Quantities travel as thousandths (quantityMilli): 1500 → "1.5". */
export function formatQuantity(milli: number): string {
  return String(milli / 1000);
}
