import { type IDirectoryProject } from '@app/shared';
import Taro from './mocks/taro';
import { feeSchedule, reply } from './fixtures';

/** Shared by the fee schedule tests: the public route, the directory's projects and the schedule calls made. */
export const SCHEDULE = 'GET /api/public/fee-schedule';
export const projects: IDirectoryProject[] = [
  { id: 1, code: 'YGHY', name: '阳光花园' },
  { id: 2, code: 'CHY', name: '翠湖苑' },
];

export type Call = { url: string; method: string; header: Record<string, string> };
export const calls = () => Taro.request.mock.calls.map(([o]) => o as Call);
export const scheduleCalls = () =>
  calls()
    .filter((c) => new URL(c.url).pathname === '/api/public/fee-schedule')
    .map((c) => new URL(c.url).searchParams);
/** The server's own filter, so the page is tested against the answers it would really get. */
export const scheduleRoute = () => (_: unknown, url: URL) => reply(200, feeSchedule(url.searchParams.get('q') ?? ''));
