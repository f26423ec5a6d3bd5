import { ANNOUNCEMENT_TEMPLATES, type AnnouncementTemplate } from '@app/shared';

const pad = (n: number) => String(n).padStart(2, '0');
const hm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
const fmt = (d: Date) => `${d.getMonth() + 1}月${d.getDate()}日 ${hm(d)}`;

/** "12月3日 09:00 至 17:00" (one day) or "12月3日 22:00 至 12月4日 06:00" — what `{时间}` in a template becomes. */
export function rangeText(start: Date, end: Date): string {
  const sameDay = start.toDateString() === end.toDateString();
  return `${fmt(start)} 至 ${sameDay ? hm(end) : fmt(end)}`;
}

/** The template's title and body with the chosen time range filled in (free text: empty). */
export function fillTemplate(code: AnnouncementTemplate, range: [Date, Date] | null): { title: string; body: string } {
  const t = ANNOUNCEMENT_TEMPLATES.find((x) => x.code === code);
  if (!t) return { title: '', body: '' };
  return { title: t.title, body: t.body.replace('{时间}', range ? rangeText(range[0], range[1]) : '（请选择时间）') };
}

/** Read share in whole percent (0 when nobody received it). */
export function readPercent(read: number, recipients: number): number {
  return recipients ? Math.round((read / recipients) * 100) : 0;
}

export function templateLabel(code: AnnouncementTemplate): string {
  return ANNOUNCEMENT_TEMPLATES.find((t) => t.code === code)?.label ?? code;
}
