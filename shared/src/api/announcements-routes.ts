import type {
  IAnnouncement,
  IAnnouncementActionRequest,
  IAnnouncementListQuery,
  ICreateAnnouncementRequest,
  ILiveStreamToken,
  IPage,
  IResidentAnnouncement,
} from '../contracts';
import { get, post } from './route';

/** 公告 (docs/announcements.md): staff routes under /api/announcements, residents' under /api/announcements/mine. */
export const ANNOUNCEMENT_ROUTES = {
  list: get<IPage<IAnnouncement>, IAnnouncementListQuery>()('/api/announcements'),
  create: post<IAnnouncement, ICreateAnnouncementRequest>()('/api/announcements'),
  one: get<IAnnouncement>()('/api/announcements/:id'),
  publish: post<IAnnouncement, IAnnouncementActionRequest>()('/api/announcements/:id/publish'),
  withdraw: post<IAnnouncement, IAnnouncementActionRequest>()('/api/announcements/:id/withdraw'),
  /** Current notices of the signed-in resident (published, not ended), newest first. */
  mine: get<IResidentAnnouncement[]>()('/api/announcements/mine'),
  mineOne: get<IResidentAnnouncement>()('/api/announcements/mine/:id'),
  markRead: post<void>()('/api/announcements/mine/:id/read'),
};

/** Live console updates: POST for a token (EventSource cannot send the Authorization header), then open the stream with it. */
export const LIVE_ROUTES = {
  streamToken: post<ILiveStreamToken>()('/api/live/stream-token'),
  /** text/event-stream of `ILiveTicketEvent` (event name `ticket`); public route, the token is the credential. */
  tickets: get<string, { token: string }>()('/api/live/tickets', { auth: false }),
};
