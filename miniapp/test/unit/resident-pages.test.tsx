import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, type IBuildingSummary } from '@app/shared';
import Taro, { pullDown } from '../mocks/taro';
import { binding, envelope, reply, resident, tokenPair } from '../fixtures';
import { requested, stubApi } from '../api-stub';
import Apply from '../../src/packages/resident/pages/apply';
import Houses from '../../src/packages/resident/pages/houses';
import { saveSession } from '../../src/services/session';
import { Routes } from '../../src/routes';

const projects = [
  { id: 1, code: 'YGHY', name: '阳光花园' },
  { id: 2, code: 'CHY', name: '翠湖苑' },
];
const buildings: IBuildingSummary[] = [
  {
    id: 2,
    projectId: 1,
    name: '2栋',
    units: [
      { id: 4, name: '1单元' },
      { id: 5, name: '2单元' },
    ],
    customerManagers: [],
  },
  { id: 3, projectId: 1, name: '3栋', units: [{ id: 7, name: '1单元' }], customerManagers: [] },
];
const rooms = [
  { id: 151, roomNo: '101', floor: 1 },
  { id: 152, roomNo: '102', floor: 1 },
];
const directory = {
  'GET /api/directory/projects': reply(200, projects),
  'GET /api/directory/projects/1/buildings': reply(200, buildings),
  'GET /api/directory/units/4/houses': reply(200, rooms),
};

const postedBodies = (path: string) =>
  Taro.request.mock.calls
    .map(([o]) => o as { url: string; method: string; data: unknown })
    .filter((o) => o.method === 'POST' && o.url.endsWith(path));

async function pickHouse() {
  fireEvent.click(await screen.findByText('阳光花园'));
  fireEvent.click(await screen.findByText('2栋'));
  fireEvent.click(await screen.findByText('1单元'));
  fireEvent.click(await screen.findByText('101'));
  await screen.findByText('已选：阳光花园 2栋1单元101');
}

function fill(name: string, phone: string) {
  fireEvent.change(screen.getByPlaceholderText('请填写真实姓名'), { target: { value: name } });
  fireEvent.change(screen.getByPlaceholderText('11 位手机号'), { target: { value: phone } });
}

describe('申请绑定房屋', () => {
  it('walks 小区 → 楼栋 → 单元 → 房号, submits, and returns to 我的房屋', async () => {
    saveSession(tokenPair(resident({ houses: [] })));
    Taro.getCurrentPages.mockImplementation(() => [{}, {}]);
    stubApi({ ...directory, 'POST /api/bindings': reply(201, binding()) });
    render(<Apply />);
    await pickHouse();
    fireEvent.click(screen.getByText('业主'));
    expect(screen.getByText('房产证或购房合同上的产权人，由物业审核')).toBeTruthy();
    fill(' 王芳 ', '138 0000 5678');
    fireEvent.click(screen.getByText('提交申请'));
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
    expect(postedBodies('/api/bindings')[0]?.data).toEqual({
      houseId: 151,
      relation: 'owner',
      name: '王芳',
      phone: '13800005678',
    });
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '申请已提交' }));
  });

  it('opened without a page to go back to, it opens 我的房屋 instead', async () => {
    saveSession(tokenPair(resident({ houses: [] })));
    stubApi({ ...directory, 'POST /api/bindings': reply(201, binding()) });
    render(<Apply />);
    await pickHouse();
    fireEvent.click(screen.getByText('租户'));
    fill('王芳', '13800005678');
    fireEvent.click(screen.getByText('提交申请'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.residentHouses }));
  });

  it('shows a message next to each missing or wrong field and sends nothing', async () => {
    saveSession(tokenPair(resident({ houses: [] })));
    stubApi(directory);
    render(<Apply />);
    await screen.findByText('阳光花园');
    fireEvent.click(screen.getByText('提交申请'));
    expect(screen.getByText('请选择房屋（小区、楼栋、单元、房号）')).toBeTruthy();
    expect(screen.getByText('请选择与房屋的关系')).toBeTruthy();
    expect(screen.getByText('请填写姓名')).toBeTruthy();
    expect(screen.getByText('请填写手机号')).toBeTruthy();

    fill('王芳', '1380000');
    fireEvent.click(screen.getByText('提交申请'));
    expect(screen.getByText('请填写有效的 11 位手机号')).toBeTruthy();
    expect(screen.queryByText('请填写姓名')).toBeNull();
    expect(postedBodies('/api/bindings')).toHaveLength(0);
  });

  it('shows the server 422 messages next to the fields it names', async () => {
    saveSession(tokenPair(resident({ houses: [] })));
    stubApi({
      ...directory,
      'POST /api/bindings': reply(
        422,
        envelope(ErrorCode.ValidationFailed, '请求参数有误：name', {
          fields: [{ field: 'name', message: '姓名不能包含特殊字符' }],
        }),
      ),
    });
    render(<Apply />);
    await pickHouse();
    fireEvent.click(screen.getByText('家庭成员'));
    fill('王芳<>', '13800005678');
    fireEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('姓名不能包含特殊字符')).toBeTruthy();
    expect(Taro.navigateBack).not.toHaveBeenCalled();
    fireEvent.change(screen.getByPlaceholderText('请填写真实姓名'), { target: { value: '王芳' } });
    expect(screen.queryByText('姓名不能包含特殊字符')).toBeNull();
  });

  it('a second application for the same house says so and links to 我的房屋', async () => {
    saveSession(tokenPair(resident({ houses: [] })));
    Taro.getCurrentPages.mockImplementation(() => [{}, {}]);
    stubApi({
      ...directory,
      'POST /api/bindings': reply(
        409,
        envelope(ErrorCode.Conflict, '您已提交过该房屋的认证申请，请等待审核或查看已认证房屋'),
      ),
    });
    render(<Apply />);
    await pickHouse();
    fireEvent.click(screen.getByText('业主'));
    fill('王芳', '13800005678');
    fireEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('您已提交过该房屋的申请')).toBeTruthy();
    fireEvent.click(screen.getByText('查看我的申请'));
    expect(Taro.navigateBack).toHaveBeenCalled();
  });

  it('changing the building clears the unit and room chosen under it', async () => {
    saveSession(tokenPair(resident({ houses: [] })));
    stubApi(directory);
    render(<Apply />);
    await pickHouse();
    fireEvent.click(screen.getByText('楼栋'));
    fireEvent.click(await screen.findByText('3栋'));
    expect(screen.queryByText(/已选：/)).toBeNull();
    expect(await screen.findByText('1单元')).toBeTruthy();
    fireEvent.click(screen.getByText('提交申请'));
    expect(screen.getByText('请选择房屋（小区、楼栋、单元、房号）')).toBeTruthy();
  });

  it('a failed step load offers a retry', async () => {
    saveSession(tokenPair(resident({ houses: [] })));
    stubApi({
      ...directory,
      'GET /api/directory/projects/1/buildings': reply(500, envelope(ErrorCode.Internal, '服务器内部错误')),
    });
    render(<Apply />);
    fireEvent.click(await screen.findByText('阳光花园'));
    expect(await screen.findByText('服务器内部错误')).toBeTruthy();
    stubApi(directory);
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('2栋')).toBeTruthy();
  });
});

describe('我的房屋', () => {
  it('a resident with nothing yet gets a friendly start', async () => {
    saveSession(tokenPair(resident({ houses: [] })));
    stubApi({ 'GET /api/me': reply(200, resident({ houses: [] })), 'GET /api/bindings/mine': reply(200, []) });
    render(<Houses />);
    expect(await screen.findByText('尚未绑定房屋')).toBeTruthy();
    fireEvent.click(screen.getByText('申请绑定房屋'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: Routes.residentApply });
    expect(requested('GET', '/api/bindings/family-requests')).toBe(false);
  });

  it('lists applications with their status, the reject reason, and no family entry for a non-owner', async () => {
    saveSession(tokenPair(resident({ houses: [] })));
    stubApi({
      'GET /api/me': reply(200, resident({ houses: [] })),
      'GET /api/bindings/mine': reply(200, [
        binding({ id: 9, status: 'pending', houseLabel: '2栋1单元101' }),
        binding({ id: 8, status: 'rejected', houseLabel: '5栋2单元801', rejectReason: '房号与产权信息不符' }),
      ]),
    });
    render(<Houses />);
    expect(await screen.findByText('待审核')).toBeTruthy();
    expect(screen.getByText('已驳回')).toBeTruthy();
    expect(screen.getByText('驳回原因：房号与产权信息不符')).toBeTruthy();
    expect(screen.getByText('阳光花园 2栋1单元101')).toBeTruthy();
    expect(screen.getByText(/暂无已认证的房屋/)).toBeTruthy();
    expect(screen.queryByText('家庭成员申请')).toBeNull();
  });

  it('an owner sees the family requests entry with the pending count', async () => {
    saveSession(tokenPair(resident()));
    stubApi({
      'GET /api/me': reply(200, resident()),
      'GET /api/bindings/mine': reply(200, [binding({ id: 5, status: 'approved', houseLabel: '3栋1单元1201' })]),
      'GET /api/bindings/family-requests': reply(200, [binding({ id: 2, relation: 'family', name: '李娜' })]),
    });
    render(<Houses />);
    expect(await screen.findByText('家庭成员申请')).toBeTruthy();
    expect(screen.getByText('已通过')).toBeTruthy();
    expect(screen.getByText('1')).toBeTruthy();
    fireEvent.click(screen.getByText('家庭成员申请'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: Routes.residentFamilyRequests });
  });

  it('pull-down reloads and then stops the indicator', async () => {
    saveSession(tokenPair(resident({ houses: [] })));
    stubApi({ 'GET /api/me': reply(200, resident({ houses: [] })), 'GET /api/bindings/mine': reply(200, []) });
    render(<Houses />);
    await screen.findByText('尚未绑定房屋');
    stubApi({
      'GET /api/me': reply(200, resident({ houses: [] })),
      'GET /api/bindings/mine': reply(200, [binding({ status: 'approved' })]),
    });
    act(() => pullDown.current?.());
    expect(await screen.findByText('已通过')).toBeTruthy();
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
  });

  it('a failure shows a retry', async () => {
    saveSession(tokenPair(resident()));
    stubApi({
      'GET /api/me': reply(200, resident()),
      'GET /api/bindings/mine': reply(503, envelope(ErrorCode.Internal, '服务暂时不可用')),
    });
    render(<Houses />);
    expect(await screen.findByText('服务暂时不可用')).toBeTruthy();
    stubApi({
      'GET /api/me': reply(200, resident()),
      'GET /api/bindings/mine': reply(200, []),
      'GET /api/bindings/family-requests': reply(200, []),
    });
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('3栋1单元1201')).toBeTruthy();
  });
});
