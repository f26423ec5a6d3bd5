import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '@app/shared';
import { envelope, feeItem, feeSchedule, reply, resident, tokenPair } from '../fixtures';
import Taro from '../mocks/taro';
import { requested, stubApi } from '../api-stub';
import { SCHEDULE, calls, projects, scheduleRoute } from '../fee-fixtures';
import { getPublicFeeItem, getPublicFeeSchedule } from '../../src/services/api/catalog';
import { ApiError } from '../../src/services/api-error';
import { readSession, saveSession } from '../../src/services/session';
import { feeItemUrl, feeScheduleUrl, Routes } from '../../src/routes';
import {
  formatShanghaiDate,
  parseId,
  priceLabel,
  resolveProject,
  visibleCategories,
} from '../../src/packages/resident/utils/fee-schedule';

describe('catalog API', () => {
  it('asks for the schedule by project with a trimmed q, and leaves q out when blank', async () => {
    stubApi({ [SCHEDULE]: scheduleRoute() });
    const all = await getPublicFeeSchedule(1);
    expect(all.categories.map((c) => c.name)).toEqual(['供电设备维修类', '供水设备维修类', '家政服务类']);
    await getPublicFeeSchedule(1, '  疏通 ');
    await getPublicFeeSchedule(2, '   ');
    expect(calls().map((c) => c.url)).toEqual([
      'https://api.example.test/api/public/fee-schedule?projectId=1',
      `https://api.example.test/api/public/fee-schedule?projectId=1&q=${encodeURIComponent('疏通')}`,
      'https://api.example.test/api/public/fee-schedule?projectId=2',
    ]);
  });

  it('sends no token even when signed in, so a public read never starts a refresh or ends a session', async () => {
    saveSession(tokenPair(resident()));
    stubApi({
      [SCHEDULE]: reply(401, envelope(ErrorCode.TokenExpired, '登录已过期')),
      'GET /api/public/fee-schedule/items/102': reply(200, feeItem()),
    });
    await expect(getPublicFeeItem(102)).resolves.toMatchObject({ name: '水龙头更换', labourPriceFen: 2000 });
    await expect(getPublicFeeSchedule(1)).rejects.toMatchObject({ status: 401 });
    expect(calls().every((c) => c.header.Authorization === undefined)).toBe(true);
    expect(requested('POST', '/api/auth/refresh')).toBe(false);
    expect(readSession()?.accessToken).toBe('access-1');
    expect(Taro.eventCenter.trigger).not.toHaveBeenCalled();
  });

  it('a project without a schedule in force is a 404 NO_SCHEDULE_IN_FORCE ApiError', async () => {
    stubApi({ [SCHEDULE]: reply(404, envelope(ErrorCode.NoScheduleInForce, '本项目尚未公示特约服务收费标准')) });
    const error = await getPublicFeeSchedule(9).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('NO_SCHEDULE_IN_FORCE');
  });

  it('routes: the poster URL path and the item detail', () => {
    expect(feeScheduleUrl(1)).toBe('/packages/resident/pages/fee-schedule/index?projectId=1');
    expect(feeScheduleUrl()).toBe(Routes.feeSchedule);
    expect(feeItemUrl(102)).toBe('/packages/resident/pages/fee-item/index?id=102');
  });
});

describe('project resolution', () => {
  const sources = (over: Partial<Parameters<typeof resolveProject>[1]> = {}) => ({
    hasSession: vi.fn(() => true),
    getMe: vi.fn(async () => resident()),
    getProjects: vi.fn(async () => projects),
    ...over,
  });

  it('the route param wins and nothing is fetched', async () => {
    const s = sources();
    expect(await resolveProject('2', s)).toEqual({ kind: 'project', projectId: 2 });
    expect(s.getMe).not.toHaveBeenCalled();
  });

  it('ignores a malformed param', () => {
    expect(['abc', '0', '-1', '1.5', '', undefined, ' 3 '].map(parseId)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      3,
    ]);
  });

  it('a guest without a param is asked to scan the poster or sign in (the directory needs sign-in)', async () => {
    const s = sources({ hasSession: () => false });
    expect(await resolveProject(undefined, s)).toEqual({ kind: 'sign-in' });
    expect(await resolveProject('x', s)).toEqual({ kind: 'sign-in' });
    expect(s.getProjects).not.toHaveBeenCalled();
  });

  it("a resident gets the first house's project", async () => {
    const me = resident({
      houses: [
        { bindingId: 1, houseId: 9, projectId: 2, label: '1栋', relation: 'tenant' },
        { bindingId: 2, houseId: 8, projectId: 1, label: '2栋', relation: 'owner' },
      ],
    });
    expect(await resolveProject(undefined, sources({ getMe: async () => me }))).toEqual({
      kind: 'project',
      projectId: 2,
    });
  });

  it('without a house: a single project is taken as is, several are offered', async () => {
    const getMe = async () => resident({ houses: [] });
    expect(await resolveProject(undefined, sources({ getMe, getProjects: async () => [projects[1]] }))).toEqual({
      kind: 'project',
      projectId: 2,
    });
    expect(await resolveProject(undefined, sources({ getMe }))).toEqual({ kind: 'pick', projects });
  });

  it('a session the server refuses counts as a guest; other failures surface', async () => {
    const refused = sources({
      getMe: async () => Promise.reject(new ApiError(ErrorCode.Unauthenticated, '请先登录', 401)),
    });
    expect(await resolveProject(undefined, refused)).toEqual({ kind: 'sign-in' });
    const down = sources({ getMe: async () => Promise.reject(new ApiError('NETWORK_ERROR', '网络连接失败', 0)) });
    await expect(resolveProject(undefined, down)).rejects.toThrow('网络连接失败');
  });
});

describe('formatting', () => {
  it('prices in fen as ¥ per unit; free items say so', () => {
    expect(priceLabel({ labourPriceFen: 2000, unit: '个' })).toBe('¥20.00/个');
    expect(priceLabel({ labourPriceFen: 123456, unit: '平方米' })).toBe('¥1,234.56/平方米');
    expect(priceLabel({ labourPriceFen: 50, unit: '张' })).toBe('¥0.50/张');
    expect(priceLabel({ labourPriceFen: 0, unit: '次' })).toBe('免费');
  });

  it('the effective date is the Shanghai calendar day', () => {
    expect(formatShanghaiDate('2025-12-31T16:00:00.000Z')).toBe('2026-01-01');
    expect(formatShanghaiDate('2026-03-01T15:59:59.000Z')).toBe('2026-03-01');
    expect(formatShanghaiDate('nonsense')).toBe('');
  });

  it('a tab shows its category; a tab the search removed falls back to all', () => {
    const { categories } = feeSchedule();
    expect(visibleCategories(categories, 'GS').map((c) => c.code)).toEqual(['GS']);
    expect(visibleCategories(categories, null)).toHaveLength(3);
    expect(visibleCategories(feeSchedule('疏通').categories, 'GD').map((c) => c.code)).toEqual(['GS']);
  });
});
