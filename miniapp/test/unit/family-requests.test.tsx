import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@app/shared';
import Taro from '../mocks/taro';
import { binding, envelope, reply, resident, tokenPair } from '../fixtures';
import { requested, stubApi } from '../api-stub';
import FamilyRequests from '../../src/packages/resident/pages/family-requests';
import { saveSession } from '../../src/services/session';

const postedBodies = (path: string) =>
  Taro.request.mock.calls
    .map(([o]) => o as { url: string; method: string; data: unknown })
    .filter((o) => o.method === 'POST' && o.url.endsWith(path));

describe('家庭成员申请', () => {
  const lina = binding({
    id: 2,
    relation: 'family',
    name: '李娜',
    houseLabel: '3栋1单元1201',
    phoneMasked: '138****1002',
  });

  it('approves after confirming, then shows the list without it', async () => {
    saveSession(tokenPair(resident()));
    let pending = [lina];
    stubApi({
      'GET /api/bindings/family-requests': () => reply(200, pending),
      'POST /api/bindings/2/approve': () => {
        pending = [];
        return reply(200, { ...lina, status: 'approved' });
      },
    });
    render(<FamilyRequests />);
    expect(await screen.findByText('李娜')).toBeTruthy();
    expect(screen.getByText(/138\*\*\*\*1002/)).toBeTruthy();
    fireEvent.click(screen.getByText('通过'));
    expect(await screen.findByText('暂无待处理的申请')).toBeTruthy();
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('李娜') }));
    expect(requested('POST', '/api/bindings/2/approve')).toBe(true);
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    saveSession(tokenPair(resident()));
    Taro.showModal.mockImplementation(() => Promise.resolve({ confirm: false, cancel: true, errMsg: 'showModal:ok' }));
    stubApi({ 'GET /api/bindings/family-requests': reply(200, [lina]) });
    render(<FamilyRequests />);
    fireEvent.click(await screen.findByText('通过'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(requested('POST', '/api/bindings/2/approve')).toBe(false);
  });

  it('rejecting needs a reason, which is sent', async () => {
    saveSession(tokenPair(resident()));
    stubApi({
      'GET /api/bindings/family-requests': reply(200, [lina]),
      'POST /api/bindings/2/reject': reply(200, { ...lina, status: 'rejected' }),
    });
    render(<FamilyRequests />);
    fireEvent.click(await screen.findByText('驳回'));
    fireEvent.click(screen.getByText('确认驳回'));
    expect(screen.getByText('请填写驳回原因')).toBeTruthy();
    expect(requested('POST', '/api/bindings/2/reject')).toBe(false);
    fireEvent.change(screen.getByPlaceholderText('请填写驳回原因（申请人可见）'), { target: { value: ' 不是家人 ' } });
    fireEvent.click(screen.getByText('确认驳回'));
    await waitFor(() => expect(postedBodies('/api/bindings/2/reject')[0]?.data).toEqual({ reason: '不是家人' }));
  });

  it('an application someone already handled says 已被处理 and refreshes', async () => {
    saveSession(tokenPair(resident()));
    let loads = 0;
    stubApi({
      'GET /api/bindings/family-requests': () => reply(200, ++loads === 1 ? [lina] : []),
      'POST /api/bindings/2/approve': reply(
        409,
        envelope(ErrorCode.StateConflict, '该申请已被处理', { current: { ...lina, status: 'approved' } }),
      ),
    });
    render(<FamilyRequests />);
    fireEvent.click(await screen.findByText('通过'));
    expect(await screen.findByText('李娜 的申请已被处理，列表已刷新')).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已被处理' }));
    expect(await screen.findByText('暂无待处理的申请')).toBeTruthy();
    expect(loads).toBe(2);
  });
});
