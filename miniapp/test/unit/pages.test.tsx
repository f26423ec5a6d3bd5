import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, Role, UserKind, type IAppMeta, type IDemoAccountList } from '@app/shared';
import Taro, { didShow } from '../mocks/taro';
import { envelope, reply, resident, staff, tokenPair } from '../fixtures';
import { requested, stubApi } from '../api-stub';
import Index from '../../src/pages/index';
import Mine from '../../src/pages/mine';
import Houses from '../../src/packages/resident/pages/houses';
import StaffHome from '../../src/packages/staff/pages/home';
import { readSession, saveSession } from '../../src/services/session';
import { Routes } from '../../src/routes';

const meta = (overrides: Partial<IAppMeta> = {}): IAppMeta => ({
  name: '物业服务',
  version: '0.1.0',
  demoLogin: true,
  wechatLogin: true,
  servicePhone: null,
  environment: 'development',
  ...overrides,
});

const demoAccounts: IDemoAccountList = {
  demoPassword: 'demo1234',
  accounts: [
    {
      userId: 11,
      name: '王芳',
      kind: UserKind.Resident,
      roles: [Role.Resident],
      description: '阳光花园 3栋1单元1201 业主',
      username: null,
    },
    {
      userId: 21,
      name: '王师傅',
      kind: UserKind.Staff,
      roles: [Role.Technician],
      description: '阳光花园 维修师傅',
      username: 'tech1',
    },
  ],
};

describe('home page', () => {
  it('invites a guest to sign in on the 我的 tab', async () => {
    render(<Index />);
    fireEvent.click(await screen.findByText('去登录'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: Routes.mine });
    expect(Taro.request).not.toHaveBeenCalled();
  });

  it('greets a signed-in resident and opens the resident sub-package', async () => {
    saveSession(tokenPair(resident()));
    stubApi({ 'GET /api/me': reply(200, resident()) });
    render(<Index />);
    expect(await screen.findByText('您好，王芳')).toBeTruthy();
    fireEvent.click(screen.getByText('我的房屋'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: Routes.residentHouses });
  });

  it('shows a failure with a retry that loads again', async () => {
    saveSession(tokenPair(resident()));
    stubApi({ 'GET /api/me': reply(500, envelope(ErrorCode.Internal, '服务器内部错误')) });
    render(<Index />);
    expect(await screen.findByText('服务器内部错误')).toBeTruthy();
    stubApi({ 'GET /api/me': reply(200, staff([Role.Technician])) });
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('师傅工作台')).toBeTruthy();
  });

  it('drops a session the server no longer accepts', async () => {
    saveSession(tokenPair(resident()));
    stubApi({ 'GET /api/me': reply(401, envelope(ErrorCode.Unauthenticated, '请先登录')) });
    render(<Index />);
    expect(await screen.findByText('去登录')).toBeTruthy();
    expect(readSession()).toBeNull();
  });
});

describe('mine page', () => {
  // The H5 journey's flake: the tab page stayed on the sign-in options after a demo sign-in, so the next
  // visit showed stale demo entries that vanished under the finger once /api/me answered.
  it('after signing in, the (still mounted) tab shows the signed-in user, never stale sign-in options', async () => {
    const me = staff([Role.Technician]);
    let answerMe: (() => void) | null = null;
    stubApi({
      'GET /api/meta': reply(200, meta()),
      'GET /api/auth/demo/accounts': reply(200, demoAccounts),
      'POST /api/auth/demo/login': reply(200, tokenPair(me)),
    });
    render(<Mine />);
    fireEvent.click(await screen.findByText('阳光花园 维修师傅'));
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: Routes.home }));
    expect(await screen.findByText('退出登录')).toBeTruthy();
    expect(screen.queryByText('阳光花园 维修师傅')).toBeNull();

    // Shown again while /api/me is still on its way: the profile stays, no sign-in options reappear.
    Taro.request.mockImplementation(() => new Promise((resolve) => (answerMe = () => resolve(reply(200, me)))));
    act(() => didShow.current?.());
    expect(screen.queryByText('阳光花园 维修师傅')).toBeNull();
    expect(screen.getByText('退出登录')).toBeTruthy();
    act(() => answerMe?.());
  });

  it('a page shown again with a session begun elsewhere waits for the user instead of offering sign-in', async () => {
    stubApi({ 'GET /api/meta': reply(200, meta()), 'GET /api/auth/demo/accounts': reply(200, demoAccounts) });
    render(<Mine />);
    await screen.findByText('阳光花园 维修师傅');
    saveSession(tokenPair(resident()));
    let answerMe: (() => void) | null = null;
    Taro.request.mockImplementation(() => new Promise((resolve) => (answerMe = () => resolve(reply(200, resident())))));
    act(() => didShow.current?.());
    expect(screen.queryByText('阳光花园 维修师傅')).toBeNull();
    await act(async () => answerMe?.());
    expect(await screen.findByText('退出登录')).toBeTruthy();
  });

  it('lists demo accounts, hides WeChat login outside WeChat, and signs in with one tap', async () => {
    stubApi({
      'GET /api/meta': reply(200, meta()),
      'GET /api/auth/demo/accounts': reply(200, demoAccounts),
      'POST /api/auth/demo/login': (data) =>
        (data as { userId: number }).userId === 21 ? reply(200, tokenPair(staff([Role.Technician]))) : reply(404),
    });
    render(<Mine />);
    fireEvent.click(await screen.findByText('阳光花园 维修师傅'));
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: Routes.home }));
    expect(readSession()?.accessToken).toBe('access-1');
    expect(screen.queryByText('微信一键登录')).toBeNull();
  });

  it('offers no demo accounts when the server has demo login off', async () => {
    stubApi({ 'GET /api/meta': reply(200, meta({ demoLogin: false })) });
    render(<Mine />);
    expect(await screen.findByText('员工登录（账号密码）')).toBeTruthy();
    // Residents are not left with a staff-only form: they are told where their way in is.
    expect(screen.getByText('业主 / 住户登录')).toBeTruthy();
    expect(screen.getByText('请在微信中打开「物业服务」小程序，使用微信一键登录。')).toBeTruthy();
    expect(screen.queryByText(/演示账号/)).toBeNull();
    expect(requested('GET', '/api/auth/demo/accounts')).toBe(false);
  });

  it('enables password login once both fields are filled and shows the server message on failure', async () => {
    stubApi({
      'GET /api/meta': reply(200, meta({ demoLogin: false })),
      'POST /api/auth/password/login': reply(401, envelope(ErrorCode.InvalidCredentials, '账号或密码错误')),
    });
    render(<Mine />);
    const submit = (await screen.findByText('登录')) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByPlaceholderText('手机号或用户名'), { target: { value: ' liqiang ' } });
    fireEvent.change(screen.getByPlaceholderText('密码'), { target: { value: 'wrong' } });
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    expect(await screen.findByText('账号或密码错误')).toBeTruthy();
    const body = Taro.request.mock.calls
      .map(([o]) => o as { url: string; data: unknown })
      .find((o) => o.url.endsWith('/api/auth/password/login'));
    expect(body?.data).toEqual({ login: 'liqiang', password: 'wrong' });
    expect(readSession()).toBeNull();
  });

  it('shows the profile and signs out', async () => {
    saveSession(tokenPair(staff([Role.Supervisor])));
    stubApi({
      'GET /api/me': reply(200, staff([Role.Supervisor])),
      'POST /api/auth/logout': reply(204, ''),
      'GET /api/meta': reply(200, meta({ demoLogin: false })),
    });
    render(<Mine />);
    expect(await screen.findByText('李强')).toBeTruthy();
    expect(screen.getByText('部门主管')).toBeTruthy();
    fireEvent.click(screen.getByText('退出登录'));
    expect(await screen.findByText('员工登录（账号密码）')).toBeTruthy();
    expect(requested('POST', '/api/auth/logout')).toBe(true);
    expect(readSession()).toBeNull();
  });
});

describe('sub-package pages', () => {
  it('resident houses lists bound houses with the relation', async () => {
    saveSession(tokenPair(resident()));
    stubApi({
      'GET /api/me': reply(200, resident()),
      'GET /api/bindings/mine': reply(200, []),
      'GET /api/bindings/family-requests': reply(200, []),
    });
    render(<Houses />);
    expect(await screen.findByText('3栋1单元1201')).toBeTruthy();
    expect(screen.getByText('业主')).toBeTruthy();
  });

  it('staff home shows office roles with their scope, not the technician role', async () => {
    saveSession(tokenPair(staff([Role.CustomerManager, Role.Technician])));
    stubApi({ 'GET /api/me': reply(200, staff([Role.CustomerManager, Role.Technician])) });
    render(<StaffHome />);
    expect(await screen.findByText('客户经理')).toBeTruthy();
    expect(screen.getByText('项目 · 阳光花园')).toBeTruthy();
    expect(screen.queryByText('维修师傅')).toBeNull();
  });

  it('a sub-package page opened without a session asks to sign in', async () => {
    render(<Houses />);
    fireEvent.click(await screen.findByText('去登录'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: Routes.mine });
  });
});
