import {
  ROUTES,
  type AnnouncementStatus,
  type IAnnouncement,
  type ICreateAnnouncementRequest,
  type IPage,
} from '@app/shared';
import { api } from './client';

const A = ROUTES.announcements;

export function listAnnouncements(
  projectId: number,
  status: AnnouncementStatus | undefined,
  page: number,
): Promise<IPage<IAnnouncement>> {
  return api(A.list, { query: { projectId, status, page, pageSize: 20 } });
}

export function createAnnouncement(body: ICreateAnnouncementRequest): Promise<IAnnouncement> {
  return api(A.create, { body });
}

export function publishAnnouncement(a: IAnnouncement): Promise<IAnnouncement> {
  return api(A.publish, { params: { id: a.id }, body: { version: a.version } });
}

export function withdrawAnnouncement(a: IAnnouncement): Promise<IAnnouncement> {
  return api(A.withdraw, { params: { id: a.id }, body: { version: a.version } });
}
