import { ROUTES, type IResidentAnnouncement } from '@app/shared';
import { api } from '../http';

/** Current notices published to the signed-in resident (published, not ended), newest first. */
export function myAnnouncements(): Promise<IResidentAnnouncement[]> {
  return api(ROUTES.announcements.mine);
}

export function myAnnouncement(id: number): Promise<IResidentAnnouncement> {
  return api(ROUTES.announcements.mineOne, { params: { id } });
}

export function markAnnouncementRead(id: number): Promise<void> {
  return api(ROUTES.announcements.markRead, { params: { id } });
}
