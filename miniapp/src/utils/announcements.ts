import { ANNOUNCEMENT_TEMPLATES, type AnnouncementTemplate } from '@app/shared';

const pad = (n: number) => String(n).padStart(2, '0');
const at = (d: Date) => `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** "12月3日 09:00 至 17:00" (one day) or "12月3日 09:00 至 12月4日 12:00". */
export function announcementRange(startsAt: string, endsAt: string): string {
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  const sameDay = s.getFullYear() === e.getFullYear() && s.getMonth() === e.getMonth() && s.getDate() === e.getDate();
  return `${at(s)} 至 ${sameDay ? `${pad(e.getHours())}:${pad(e.getMinutes())}` : at(e)}`;
}

/** 进行中 while the range has started, 即将开始 before. */
export function announcementPhase(startsAt: string, now = new Date()): '进行中' | '即将开始' {
  return new Date(startsAt) <= now ? '进行中' : '即将开始';
}

export function announcementLabel(code: AnnouncementTemplate): string {
  return ANNOUNCEMENT_TEMPLATES.find((t) => t.code === code)?.label ?? '通知';
}
