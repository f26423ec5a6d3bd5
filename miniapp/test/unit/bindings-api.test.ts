import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@app/shared';
import Taro from '../mocks/taro';
import { binding, envelope, reply, resident, tokenPair } from '../fixtures';
import { ApiError } from '../../src/services/api-error';
import {
  applyForBinding,
  approveBinding,
  getFamilyRequests,
  getMyBindings,
  rejectBinding,
} from '../../src/services/api/bindings';
import { getDirectoryBuildings, getDirectoryHouses, getDirectoryProjects } from '../../src/services/api/directory';
import { saveSession } from '../../src/services/session';

const BASE = 'https://api.example.test';
const sent = (i = 0) =>
  Taro.request.mock.calls[i][0] as { url: string; method: string; data: unknown; header: Record<string, string> };

describe('directory api', () => {
  it.each([
    ['projects', () => getDirectoryProjects(), '/api/directory/projects'],
    ['buildings of a project', () => getDirectoryBuildings(3), '/api/directory/projects/3/buildings'],
    ['houses of a unit', () => getDirectoryHouses(42), '/api/directory/units/42/houses'],
  ])('reads %s with the token', async (_name, call, path) => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValueOnce(reply(200, [{ id: 1 }]));
    await expect(call()).resolves.toEqual([{ id: 1 }]);
    expect(sent()).toMatchObject({ url: `${BASE}${path}`, method: 'GET' });
    expect(sent().header.Authorization).toBe('Bearer access-1');
  });
});

describe('bindings api', () => {
  it('applies with the request body and returns the pending binding', async () => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValueOnce(reply(201, binding()));
    const body = { houseId: 151, relation: 'owner' as const, name: '王芳', phone: '13800001234' };
    await expect(applyForBinding(body)).resolves.toMatchObject({ status: 'pending', houseLabel: '2栋1单元101' });
    expect(sent()).toMatchObject({ url: `${BASE}/api/bindings`, method: 'POST', data: body });
  });

  it('surfaces the 422 field messages and the 409 code', async () => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValueOnce(
      reply(
        422,
        envelope(ErrorCode.ValidationFailed, '请求参数有误', {
          fields: [{ field: 'phone', message: '请填写有效的 11 位手机号' }],
        }),
      ),
    );
    const invalid = await applyForBinding({ houseId: 1, relation: 'owner', name: 'x', phone: '1' }).catch(
      (e: unknown) => e,
    );
    expect(invalid).toBeInstanceOf(ApiError);
    expect((invalid as ApiError).fieldErrors).toEqual([{ field: 'phone', message: '请填写有效的 11 位手机号' }]);

    Taro.request.mockResolvedValueOnce(reply(409, envelope(ErrorCode.Conflict, '您已提交过该房屋的认证申请')));
    await expect(
      applyForBinding({ houseId: 1, relation: 'owner', name: 'x', phone: '13800001234' }),
    ).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      status: 409,
    });
  });

  it('reads my applications and the family requests', async () => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValueOnce(reply(200, [binding()])).mockResolvedValueOnce(reply(200, []));
    await expect(getMyBindings()).resolves.toHaveLength(1);
    await expect(getFamilyRequests()).resolves.toEqual([]);
    expect(sent(0)).toMatchObject({ url: `${BASE}/api/bindings/mine`, method: 'GET' });
    expect(sent(1)).toMatchObject({ url: `${BASE}/api/bindings/family-requests`, method: 'GET' });
  });

  it('approves, and rejects with the reason', async () => {
    saveSession(tokenPair(resident()));
    Taro.request
      .mockResolvedValueOnce(reply(200, binding({ status: 'approved' })))
      .mockResolvedValueOnce(reply(200, binding({ status: 'rejected', rejectReason: '不认识' })));
    await expect(approveBinding(7)).resolves.toMatchObject({ status: 'approved' });
    await expect(rejectBinding(8, '不认识')).resolves.toMatchObject({ status: 'rejected' });
    expect(sent(0)).toMatchObject({ url: `${BASE}/api/bindings/7/approve`, method: 'POST', data: {} });
    expect(sent(1)).toMatchObject({ url: `${BASE}/api/bindings/8/reject`, method: 'POST', data: { reason: '不认识' } });
  });

  it('a review someone else made first is a STATE_CONFLICT with the current binding', async () => {
    saveSession(tokenPair(resident()));
    const current = binding({ status: 'approved', reviewedByName: '周晓梅' });
    Taro.request.mockResolvedValueOnce(reply(409, envelope(ErrorCode.StateConflict, '该申请已被处理', { current })));
    await expect(approveBinding(7)).rejects.toMatchObject({ code: ErrorCode.StateConflict, details: { current } });
  });
});
