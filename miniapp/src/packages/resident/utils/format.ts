import { relationLabel as glossaryRelation } from '@app/shared';

/** The shared glossary's wording (业主 / 租户 / 家庭成员), as the console shows it. */
export function relationLabel(relation: string): string {
  return glossaryRelation(relation);
}

/** "2026-11-22T08:36:42.800Z" → "2026-11-22" in the phone's time zone. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
